// What the compiler says matters as much as whether it says it: these read its messages.
import path from 'node:path';
import ts from 'typescript';

const LIB_INDEX = path.resolve(__dirname, '../lib/index.ts');

/** The first error tsc reports for a snippet that imports the package's source. */
function firstErrorOf(snippet: string): string {
  const fileName = path.resolve(__dirname, 'types/__snippet__.ts');
  const source = `import { beforeAddSubscriber, callbackRouter } from ${JSON.stringify(LIB_INDEX.replace(/\.ts$/, '.js'))};\n${snippet}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === fileName ? source : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === fileName || fileExists(file);
  const program = ts.createProgram([fileName], options, host);
  const [first] = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file?.fileName === fileName);
  return first ? ts.flattenDiagnosticMessageText(first.messageText, '\n') : 'no error';
}

describe('type errors name what to fix', () => {
  it('a beforeAddSubscriber without a decision function is told about `decide` first', () => {
    const message = firstErrorOf("beforeAddSubscriber({ token: 'secret' });");
    expect(message.indexOf("Property 'decide' is missing")).toBeGreaterThanOrEqual(0);
    expect(message.indexOf("Property 'decide' is missing")).toBeLessThan(message.indexOf("Property 'decideBatch'"));
  });

  it('a misspelt Official Account command in `on` is named', () => {
    const message = firstErrorOf(
      "callbackRouter({ token: false, on: { 'OfficialAccount.CallbackAfterSendMsgs': () => undefined } });",
    );
    expect(message).toContain("'OfficialAccount.CallbackAfterSendMsgs'");
  });
});
