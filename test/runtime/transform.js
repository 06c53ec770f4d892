// Jest's TypeScript transform: TypeScript's own transpileModule, one file at a time, with the compiler options
// of tsconfig.json. Types are checked by `tsc -b` in npm test; jest only needs the JavaScript (the code is
// written for isolatedModules). ts-jest did the same, but built its compiler set-up in every jest worker before
// its cache could answer; here TypeScript is loaded only when a file changed since its last transform.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const TSCONFIG = path.resolve(__dirname, '../../tsconfig.json');
const VERSION = [
  fs.readFileSync(__filename, 'utf8'),
  require('typescript/package.json').version,
  fs.readFileSync(TSCONFIG, 'utf8'),
].join('\0');

let compiler;
function load() {
  if (!compiler) {
    const ts = require('typescript');
    const { config, error } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(TSCONFIG));
    const compilerOptions = {
      ...options,
      noEmit: false,
      incremental: false,
      tsBuildInfoFile: undefined,
      declaration: false,
      sourceMap: true,
      inlineSourceMap: false,
    };
    compiler = { ts, compilerOptions };
  }
  return compiler;
}

module.exports = {
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha256')
      .update(VERSION)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
  process(source, filename) {
    const { ts, compilerOptions } = load();
    const out = ts.transpileModule(source, { compilerOptions, fileName: filename, reportDiagnostics: false });
    return {
      code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
      // the map names the file by its full path, so stack traces read "test/x.test.ts:4:15"
      map: { ...JSON.parse(out.sourceMapText), sources: [filename], file: filename },
    };
  },
};
