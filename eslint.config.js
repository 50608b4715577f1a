// Lint: the recommended TypeScript rules, the habits STYLE.md asks for, the layers' one direction
// (boundaries/dependencies: an import that runs back fails) and no import cycles (import-x/no-cycle;
// type-only imports are erased at run time and not counted).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// Each folder of src is a layer (the dashboard, a browser bundle, imports only itself). Single files
// with a place of their own are named by file category: the leaves config and project-files, the
// composition in server and main, and the one adapter that reaches tools/.
const LAYERS = ['lib', 'domain', 'store', 'ingest', 'analysis', 'services', 'operations', 'graphql', 'http', 'cli', 'dashboard'];
const ROOT_FILES = { config: 'src/config.ts', 'project-files': 'src/project-files.ts', server: 'src/server.ts', main: 'src/main.ts', 'local-services': 'src/services/local-services.ts' };

// What each layer may import besides itself: domain ← store ← ingest; domain ← analysis;
// (store, analysis, ingest) ← services ← (graphql, cli, http) ← server ← main. Everything else runs back.
const layer = (...types) => ({ element: { types: { anyOf: types } } });
const leaf = (...categories) => ({ file: { categories: { anyOf: categories } } });
const MAY_IMPORT = [
  { from: layer('lib'), to: [] }, // nothing else in src
  { from: layer('domain'), to: [layer('lib')] },
  { from: leaf('config'), to: [layer('domain', 'lib'), leaf('project-files')] },
  { from: layer('store'), to: [layer('domain', 'lib'), leaf('config')] },
  { from: layer('ingest'), to: [layer('store', 'domain', 'lib'), leaf('project-files')] },
  { from: layer('analysis'), to: [layer('domain', 'lib')] },
  { from: layer('services'), to: [layer('store', 'analysis', 'ingest', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: layer('operations'), to: [layer('services', 'store', 'ingest', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: layer('graphql'), to: [layer('services', 'store', 'analysis', 'ingest', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: layer('http'), to: [layer('graphql', 'services', 'store', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: layer('cli'), to: [layer('http', 'operations', 'services', 'store', 'analysis', 'ingest', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: leaf('server'), to: [layer('graphql', 'http', 'services', 'store', 'domain', 'lib'), leaf('config', 'project-files')] },
  { from: leaf('main'), to: [layer(...LAYERS.filter((l) => l !== 'dashboard')), leaf('config', 'project-files', 'server')] },
  // The local Java services adapter is the only src file that reaches tools/ (the launchers).
  { from: leaf('local-services'), to: [layer('edge')] },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'tools/neo4j-local/target/', 'tools/corenlp-local/target/', '.data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', Response: 'readonly', Request: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.mjs'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': [
        ...LAYERS.map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
        // Tests, benchmarks and tools sit at the edge: they may import any layer; src imports none of them.
        { type: 'edge', pattern: '{test,bench,tools}', partialMatch: false },
      ],
      'boundaries/files': Object.entries(ROOT_FILES).map(([category, pattern]) => ({ category, pattern })),
      // Dynamic imports (the CLI loads the first-load import on demand) and re-exports are arrows too.
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
      // Imports name their files with the .ts extension; the node resolver finds them as written.
      'import-x/resolver-next': [createNodeResolver()],
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mjs', '.js'] },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            ...LAYERS.map((type) => ({ from: layer(type), allow: { to: layer(type) } })),
            ...MAY_IMPORT.filter(({ to }) => to.length).map(({ from, to }) => ({ from, allow: { to } })),
          ],
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
