// The specs `npm run mutate` runs against each mutant (stryker.config.mjs names them in MUTATION_SPECS), in one
// registry like a part of `npm test`, so a mutant costs one load of core and the app, not one per spec file.
import { runSpecs } from './parts';

runSpecs('the mutation run', JSON.parse(process.env.MUTATION_SPECS ?? '[]'));
