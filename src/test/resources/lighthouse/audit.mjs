// Lighthouse on several pages with one Chromium, for LighthouseTests: the defaults of its
// command line (a phone with its throttling), the four categories, each page's report
// written as JSON to <out-dir>/<n>.json, n counting the pages from 0. One process and one
// browser for every page: a command-line run per page started Node, Lighthouse and Chromium
// again each time, a third of its 16 s.
//
//   node audit.mjs <chromium> <out-dir> <url>...
//
// A run that fails to record its trace (Lighthouse's NO_NAVSTART and the like) is a fault of
// the run, not of the page: it is tried again, twice at most, and the last report is kept.
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [chromePath, outDir, ...urls] = process.argv.slice(2);
if (!chromePath || !outDir || urls.length === 0) {
  console.error('usage: node audit.mjs <chromium> <out-dir> <url>...');
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  for (const [n, url] of urls.entries()) {
    let result;
    for (let attempt = 0; attempt < 3; attempt++) {
      result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      if (result && !result.lhr.runtimeError) {
        break;
      }
    }
    if (!result) {
      throw new Error(`Lighthouse gave no result for ${url}`);
    }
    fs.writeFileSync(path.join(outDir, `${n}.json`), result.report);
  }
} finally {
  await chrome.kill();
}
