/**
 * Imported first by the command-line entry points (npm start, npm run bench): zapier-platform-core
 * decides at load time whether it runs under test. Under test its output checks throw (a step that
 * returns the wrong shape fails loudly, as in the jest suite and `zapier-platform invoke`) and it
 * prints no per-invocation memory lines.
 */
if (!(process.env.NODE_ENV ?? '').startsWith('test')) process.env.NODE_ENV = 'test';

export {};
