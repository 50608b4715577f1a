// npm run browser:guide: writes cypher/browser/guide.html from the saved queries (see src/operations/browser-guide.ts).
import { writeFileSync } from 'node:fs';
import { GUIDE_FILE, renderGuide } from '../src/operations/browser-guide.ts';

writeFileSync(GUIDE_FILE, renderGuide());
console.log(`wrote ${GUIDE_FILE}`);
