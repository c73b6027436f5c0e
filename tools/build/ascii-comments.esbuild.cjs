// An esbuild plugin for the job bundles: the non-ASCII characters in the comments of the packages
// a job bundles (em dashes in zod's, for one) become '?'.
'use strict';
const { readFileSync } = require('node:fs');
const { extname } = require('node:path');

/**
 * Why: esbuild keeps comments, and one character beyond ASCII anywhere in a 2-3 MB bundle makes
 * Node read the whole bundle as a two-byte string, which V8 then copies once more to add the
 * CommonJS wrapper: 5 MB more to decode, copy and fault in at every job start
 * (tools/bench/findings.ts). esbuild already writes the strings and names it outputs in ASCII.
 */
const NON_ASCII = /[^\x00-\x7f]/u;
const NON_ASCII_ALL = /[^\x00-\x7f]/gu;
const LOADERS = { '.js': 'js', '.mjs': 'js', '.cjs': 'js' };

/** The code with no comments or line breaks, as esbuild parses it. */
async function withoutComments(code, loader) {
  const { transform } = require('esbuild');
  return (await transform(code, { loader, minifyWhitespace: true, legalComments: 'none', charset: 'utf8', logLevel: 'silent' })).code;
}

/** Files with more non-ASCII characters than this are tried all at once only (one parse each way). */
const MAX_TRIED_ONE_BY_ONE = 256;

/**
 * `code` with the non-ASCII characters of its comments replaced by '?' (two for one beyond the
 * BMP, so that columns in UTF-16 stay where source maps put them); those in strings, regular
 * expressions and templates stay. What is a comment is what esbuild's parser says: a character may
 * be replaced if the code without its comments stays the same. All at once first; when some are
 * not in comments (a line with a word in a string and again in its comment), one by one.
 */
async function asciiComments(code, loader = 'js') {
  if (!NON_ASCII.test(code)) return code;
  try {
    const all = code.replace(NON_ASCII_ALL, (character) => '?'.repeat(character.length));
    const [expected, allStripped] = await Promise.all([withoutComments(code, loader), withoutComments(all, loader)]);
    if (allStripped === expected) return all;
    const same = async (candidate) => (await withoutComments(candidate, loader)) === expected;
    const positions = [...code.matchAll(NON_ASCII_ALL)];
    if (positions.length > MAX_TRIED_ONE_BY_ONE) return code;
    let result = code;
    for (const { index, 0: character } of positions) {
      const candidate = result.slice(0, index) + '?'.repeat(character.length) + result.slice(index + character.length);
      if (await same(candidate)) result = candidate;
    }
    return result;
  } catch {
    return code;
  }
}

/** The plugin: applies `asciiComments` to the JavaScript files esbuild loads from node_modules. */
function asciiCommentsPlugin() {
  return {
    name: 'ascii-comments',
    setup(build) {
      // Read synchronously: the plugin sees every package file of the bundle, and a thousand
      // asynchronous reads made the render bundle's build 0.4 s slower, synchronous ones 0.2 s.
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async ({ path }) => {
        const code = readFileSync(path, 'utf8');
        if (!NON_ASCII.test(code)) return undefined;
        const loader = LOADERS[extname(path)];
        const ascii = await asciiComments(code, loader);
        return ascii === code ? undefined : { contents: ascii, loader };
      });
    },
  };
}

module.exports = { asciiComments, asciiCommentsPlugin };
