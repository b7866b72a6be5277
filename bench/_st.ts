import { buildProduction } from './production.js';
import { startupSections } from './startup.js';
import { results } from './results.js';
await buildProduction();
const md = await startupSections();
console.log(md.join('\n\n'));
console.log(JSON.stringify(results));
process.exit(0);
