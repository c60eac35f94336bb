// `npm run render -- summary.md [summary.png] [height]`: shows a step summary
// as GitHub would. cmark-gfm (GitHub's Markdown engine) makes the HTML, with
// GitHub's own stylesheet around it (github-markdown-css); when Debian's
// `chromium` is installed, a headless screenshot of it is written too.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const cmark = require('cmark-gfm') as { renderHtmlSync(markdown: string, options: Record<string, unknown>): string }

/** As GitHub renders step summaries: the GFM extensions, raw HTML through the tag filter. */
export function toHtml(markdown: string): string {
  return cmark.renderHtmlSync(markdown, {
    unsafe: true,
    extensions: { table: true, strikethrough: true, autolink: true, tagfilter: true, tasklist: true }
  })
}

export function page(markdown: string): string {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; max-width: 1012px; padding: 24px 32px; }
</style></head><body><article class="markdown-body">${toHtml(markdown)}</article></body></html>`
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('render-summary.ts')) {
  const [input, png, height = '2400'] = process.argv.slice(2)
  if (!input) {
    console.error('Usage: npm run render -- summary.md [summary.png] [height]')
    process.exit(2)
  }
  const html = join(mkdtempSync(join(tmpdir(), 'lxca-render-')), 'summary.html')
  writeFileSync(html, page(readFileSync(input, 'utf8')))
  console.log(`HTML: ${html}`)
  if (png) {
    if (!existsSync('/usr/bin/chromium')) {
      console.error("No /usr/bin/chromium: install Debian's chromium package for a screenshot.")
      process.exit(1)
    }
    const profile = mkdtempSync(join(tmpdir(), 'lxca-chromium-'))
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking'
    ]
    flags.push('--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`)
    const shot = spawnSync('/usr/bin/chromium', [
      ...flags,
      `--window-size=1076,${height}`,
      `--screenshot=${resolve(png)}`,
      `file://${html}`
    ])
    if (shot.status !== 0) {
      console.error(String(shot.stderr))
      process.exit(1)
    }
    console.log(`Screenshot: ${resolve(png)}`)
  }
}
