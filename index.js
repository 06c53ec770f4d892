// Zapier's CommonJS runtime and CLI load ./index.js and expect the app object itself;
// the app is written in TypeScript (index.ts) and compiled to dist/ by `npm run build`.
module.exports = require('./dist/index.js').default;
