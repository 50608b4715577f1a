// cgraph validate [paths…]: check dossiers without loading them; --fix writes back every fix it
// can state exactly, --fix-offsets only the offsets. Ids resolve against the registry, the dossiers given together and, with
// --against-store, what the configured store holds.
import type { Command } from 'commander';
import { writeCodeProposals, writeComputedOffsets, writeExactFixes, type DossierChange } from '../../ingest/dossier-files.ts';
import { formatPath, locate } from '../../ingest/yaml-document.ts';
import { checkDossiers, validateDossiers, type ValidateDossiersOptions } from '../../ingest/load-dossiers.ts';
import { STORED_PER_ID } from '../../ingest/id-advice.ts';
import { DEFAULT_REGISTRY_FILE } from '../../project-files.ts';
import { print, withStore } from '../runtime.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate dossiers (quotes, ids, schema, ledger); exit 1 with every problem listed when invalid')
    .argument('[paths...]', 'dossier files or folders', ['seeds'])
    .option('--registry <file>', 'the entity registry ids resolve against', DEFAULT_REGISTRY_FILE)
    .option('--against-store', 'also resolve ids against what the configured store holds')
    .option('--fix-offsets', 'write computed quote offsets into the dossier files (missing ones, and wrong ones of a quote that occurs once)')
    .option('--fix', 'write every fix validate states exactly: computed offsets, proposed codes of commitments that give none, the Goldstein value and PLOVER type of each CAMEO code')
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { registry: string; againstStore?: boolean; fixOffsets?: boolean; fix?: boolean; json?: boolean }) => {
      const run = async (lookup?: ValidateDossiersOptions['lookup'], search?: ValidateDossiersOptions['search']) => {
        const options = { registryFile: opts.registry, lookup, search };
        // Fixes are written first, each kind from a fresh check of what the previous one wrote;
        // then the result is validated (and refused if anything is left).
        const writers = opts.fix ? [writeComputedOffsets, writeCodeProposals, writeExactFixes] : opts.fixOffsets ? [writeComputedOffsets] : [];
        const changes: DossierChange[] = [];
        for (const write of writers) for (const dossier of (await checkDossiers(paths, options)).dossiers) changes.push(...write(dossier));
        for (const c of changes) process.stderr.write(`${c.file}:${c.line} ${c.path}: ${c.change}\n`);
        return { changes, validated: await validateDossiers(paths, options) };
      };
      const { changes, validated } = opts.againstStore ? await withStore((store) => run((ids) => store.getNodes(ids), (text) => store.searchNodes(text, undefined, STORED_PER_ID))) : await run();
      const proposals = validated.dossiers.flatMap((d) =>
        d.codeProposals.map((p) => ({ file: d.file, line: locate(d.parsed, p.path).line, path: formatPath(p.path), cameo: p.cameo, description: p.description, goldstein: p.goldstein, plover: p.plover })),
      );
      const summary = validated.dossiers.map((d) => ({ file: d.file, nodes: d.batch?.nodes.length ?? 0, relationships: d.batch?.relationships.length ?? 0 }));
      const unreviewed = validated.dossiers.flatMap((d) => machineMarked(d.parsed.value).map((index) => ({ file: d.file, line: locate(d.parsed, ['relationships', index, 'review']).line, path: `relationships[${index}]` })));
      print(
        { json: !!opts.json },
        [
          ...summary.map((s) => `ok ${s.file}: ${s.nodes} nodes, ${s.relationships} relationships`),
          ...proposals.map((p) => `${p.file}:${p.line} ${p.path}: no codes; proposed cameo ${p.cameo} (${p.description}), goldstein ${p.goldstein ?? '?'}, plover ${p.plover ?? '?'} — check them, then write them with --fix`),
          ...unreviewed.map((u) => `${u.file}:${u.line} ${u.path}: unreviewed (review: machine) — check it against the article, then delete the line; it loads as machine until then`),
          ...(opts.fixOffsets || opts.fix ? [`wrote ${changes.length} change(s)`] : []),
        ].join('\n'),
        { valid: true, dossiers: summary, proposals, unreviewed, changes },
      );
    });
}

/** Indexes of the relationships a dossier still marks `review: machine`. */
function machineMarked(root: unknown): number[] {
  const relationships = (root as { relationships?: unknown } | undefined)?.relationships;
  if (!Array.isArray(relationships)) return [];
  return relationships.flatMap((rel, index) => ((rel as { review?: unknown } | null)?.review === 'machine' ? [index] : []));
}
