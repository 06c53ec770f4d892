// Part 3 of the spec files `npm test` runs (./parts.ts says how they are shared out and why).
import { runPart } from './parts';

runPart(3);
