// `npm run build`'s compile step: tsc's emit of tsconfig.build.json, with Lit's own transformer
// (@lit/ts-transformers) turning the decorators into what they stand for: `static properties`, a
// getter for each @query. The source keeps the decorators, which declare the public API and the
// private state in one place; the published JavaScript no longer carries a call per decorated
// member, nor tslib's __decorate and Lit's decorator functions (726 B gzip of the script-tag
// build's whole at 2026-11-29, 498 B of its first download). This needs TypeScript's JavaScript
// API, so it is the project's TypeScript 5.9, as the type check is.
import { constructorCleanupTransformer, idiomaticDecoratorsTransformer } from '@lit/ts-transformers';
import ts from 'typescript';

const configFile = ts.findConfigFile('.', ts.sys.fileExists, 'tsconfig.build.json');
const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
const { fileNames, options, errors } = ts.parseJsonConfigFileContent(config, ts.sys, '.');
const program = ts.createProgram(fileNames, options);
const emitted = program.emit(undefined, undefined, undefined, false, {
  before: [idiomaticDecoratorsTransformer(program)],
  // Only for readers of dist/: constructors back where the source has them.
  after: [constructorCleanupTransformer(program)],
});

const diagnostics = [...errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length > 0) {
  const host = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
