// BENCHMARKS.md is checked with the repository's prettier settings like any other file, so the
// generated page is run through prettier too (it aligns the tables). Without prettier installed
// the page is written as generated, which is still valid Markdown.
export async function formatMarkdown(markdown, filePath) {
  let prettier;
  try {
    prettier = await import('prettier');
  } catch {
    return markdown;
  }
  const options = (await prettier.resolveConfig(filePath)) ?? {};
  return prettier.format(markdown, { ...options, filepath: filePath });
}
