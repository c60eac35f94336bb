export const id = 247;
export const ids = [247];
export const modules = {

/***/ 247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  report: () => (/* binding */ report),
  reportInputErrors: () => (/* binding */ reportInputErrors),
  reportUnexpectedError: () => (/* binding */ reportUnexpectedError)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/outcome/status.ts
var outcome_status = __webpack_require__(3060);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
// EXTERNAL MODULE: ./src/settings/input-output-names.ts
var input_output_names = __webpack_require__(2378);
;// CONCATENATED MODULE: ./src/report/markdown/escape.ts
// Escaping for GitHub-flavoured Markdown and the HTML GitHub keeps. Every
// string that came from the server goes through `escapeMarkdown()`: it becomes one line,
// and every character Markdown or HTML could read as syntax becomes a numeric
// character reference, which both render as the literal character. A device
// named `</table>` or `a|b` therefore stays inside its table cell; `:` and
// `www.` are escaped so no URL becomes a link, and a zero-width space after
// every `@` keeps e-mail addresses and @mentions from becoming links, which
// cmark-gfm would otherwise make after decoding the entities. What could open
// a block where the text starts a line or a list item (`# `, `- `, `1. `,
// `===`) has its first character escaped too: a message must not forge a
// heading, a rule or a list.
const ENTITY = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '|': '&#124;',
    '`': '&#96;',
    '\\': '&#92;',
    '*': '&#42;',
    _: '&#95;',
    '[': '&#91;',
    ']': '&#93;',
    '~': '&#126;',
    ':': '&#58;',
    '@': '@\u200b'
};
const SPECIAL = /[&<>"'|`\\*[\]~:@]|www\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/i;
/** What opens a block at the start of a line: a heading, a list item, a rule, a setext underline. */
const BLOCK_OPENER = /^(?:#{1,6}(?: |$)|[-+](?: |$)|(?:- ?){3,}$|=+ ?$|\d{1,9}[.)](?: |$))/;
/** The escape of a block opener's telling character: the first one, or the `.`/`)` after a number. */
const OPENER_ENTITY = {
    '#': '&#35;',
    '+': '&#43;',
    '-': '&#45;',
    '=': '&#61;',
    '.': '&#46;',
    ')': '&#41;'
};
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f\s]+/g;
const WORD = /[A-Za-z0-9]/;
const ELLIPSIS_BYTES = 3;
/**
 * Server text, safe in a table cell, a list item or an HTML element: at most
 * `maxBytes` of output (an entity is never cut, `…` marks a cut); `—` when
 * empty. Linear in the output: a 30 KB string costs no more than its cut.
 */
function escapeMarkdown(value, maxBytes = 200) {
    if (!value)
        return '—';
    // No more input than the output can hold: every character is at least one byte
    // (the margin lets short runs of white space collapse).
    const limit = maxBytes + 256;
    const cutInput = value.length > limit;
    const line = (cutInput ? value.slice(0, limit) : value).replace(CONTROL_OR_SPACE, ' ').trim();
    if (line === '')
        return '—';
    const openerAt = blockOpenerAt(line);
    if (openerAt < 0 && !cutInput && !SPECIAL.test(line) && Buffer.byteLength(line) <= maxBytes)
        return line;
    return escapeAndCut(line, maxBytes, cutInput, openerAt);
}
/** Where the character to escape of a block opener is (`#`, or the `.` of `1.`), or -1 when the text opens none. */
function blockOpenerAt(line) {
    const opener = BLOCK_OPENER.exec(line);
    if (!opener)
        return -1;
    return /^\d/.test(line) ? opener[0].search(/[.)]/) : 0;
}
/** Entities for the ASCII characters that need one, by character code. */
const ASCII_ENTITY = Array.from({ length: 128 }, (_, code) => ENTITY[String.fromCharCode(code)]);
/**
 * One pass: plain runs are copied as slices, special characters (and the
 * block opener's character at `openerAt`) become their entity, and the
 * output stops at `maxBytes` with `…` (also when the input itself was cut
 * before it came here).
 */
function escapeAndCut(line, maxBytes, cutInput, openerAt) {
    const parts = [];
    let bytes = 0;
    let runStart = 0;
    const flush = (end) => {
        if (end > runStart)
            parts.push(line.slice(runStart, end));
    };
    for (let index = 0; index < line.length;) {
        const code = line.charCodeAt(index);
        const width = code >= 0xd800 && code <= 0xdbff && index + 1 < line.length ? 2 : 1;
        const piece = index === openerAt ? OPENER_ENTITY[line[index]] : code < 128 ? asciiPiece(line, index, code) : undefined;
        const size = piece !== undefined ? utf8Bytes(piece) : code < 0x80 ? 1 : code < 0x800 ? 2 : width === 2 ? 4 : 3;
        const last = !cutInput && index + width >= line.length;
        if (bytes + size > maxBytes - (last ? 0 : ELLIPSIS_BYTES)) {
            flush(index);
            parts.push('…');
            return parts.join('');
        }
        if (piece !== undefined) {
            flush(index);
            parts.push(piece);
            runStart = index + width;
        }
        bytes += size;
        index += width;
    }
    flush(line.length);
    if (cutInput)
        parts.push('…');
    return parts.join('');
}
/** The entity for an ASCII character, or undefined when it stays as it is. */
function asciiPiece(line, index, code) {
    // `_` between letters or digits (OTHER_FAIL) cannot start emphasis in GFM, so it stays readable.
    if (code === 0x5f && WORD.test(line[index - 1] ?? '') && WORD.test(line[index + 1] ?? ''))
        return undefined;
    if (code === 0x2e)
        return index >= 3 && line.slice(index - 3, index).toLowerCase() === 'www' ? '&#46;' : undefined;
    return ASCII_ENTITY[code];
}
function utf8Bytes(piece) {
    let bytes = 0;
    for (let i = 0; i < piece.length; i++) {
        const code = piece.charCodeAt(i);
        bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }
    return bytes;
}
/** A Markdown table. Cells must already be escaped (see `text`). */
function table(header, rows, align) {
    const line = (cells) => `| ${cells.map(cell => cell || '—').join(' | ')} |`;
    const rule = `|${header.map((_, column) => align?.[column] ?? '---').join('|')}|`;
    return [line(header), rule, ...rows.map(line)].join('\n');
}
/** A fenced code block of our own text (job IDs are validated: no fence can be closed early). */
function codeBlock(code, language) {
    return `\`\`\`${language}\n${code}\n\`\`\``;
}
/** A collapsed block; `body` is Markdown (blank lines around it make GitHub render it). */
function collapsed(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
function byteLength(markdown) {
    return Buffer.byteLength(markdown, 'utf8');
}

;// CONCATENATED MODULE: ./src/report/markdown/problem-summary.ts
// The summaries for a step that never got to ask the appliance: invalid
// inputs, or a bug of ours. Still a summary, never a stack trace.

/** Shown when the inputs are wrong and nothing was asked of the appliance. */
function renderInputErrorSummary(problems) {
    return renderProblemSummary('invalid inputs', 'Nothing was sent to the appliance. Fix these inputs in the workflow:', problems);
}
/** Shown when the gate itself broke: the outcome is unknown, and the summary still says so. */
function renderUnexpectedErrorSummary(message) {
    return renderProblemSummary('unexpected error', 'The outcome of the job is unknown. Please report this error:', [
        message
    ]);
}
function renderProblemSummary(title, intro, problems) {
    const list = problems.map(problem => `- ${escapeMarkdown(problem, 1000)}`).join('\n');
    return [`### ⚠️ LXCA job gate: ${title}`, intro, list].join('\n\n') + '\n';
}

// EXTERNAL MODULE: ./src/common/duration.ts
var duration = __webpack_require__(5541);
// EXTERNAL MODULE: ./src/lxca/job-ref.ts
var job_ref = __webpack_require__(2879);
;// CONCATENATED MODULE: ./src/report/markdown/budget.ts
// The bytes a summary may still take. GitHub drops a step summary over 1 MiB
// whole, so every part is taken whole or not at all, and what was left out
// is noted for the reader.

/** Under GitHub's 1 MiB limit with room for other steps' habits (900 KiB). */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Parts are joined by a blank line. */
const SEPARATOR_BYTES = 2;
/**
 * What a summary of several jobs (or parts) keeps back, beyond its headline
 * and footer, before sharing the rest out: the lines that join and introduce
 * the shares (the digest's title, a <details> around the jobs that passed).
 */
const SHARED_OVERHEAD_BYTES = 400;
/** An equal share of what is left for each of `count` jobs or parts, after `used` bytes of common text. */
function shareOf(budgetBytes, used, count) {
    return Math.floor((budgetBytes - used - SHARED_OVERHEAD_BYTES) / Math.max(1, count));
}
class Budget {
    left;
    /** What was left out, in the reader's words ("12 step trees"). */
    omitted = [];
    constructor(left) {
        this.left = left;
    }
    /** Takes `text` when it fits; false (and nothing taken) when it does not. */
    take(text) {
        if (text === '')
            return true;
        const size = byteLength(text) + SEPARATOR_BYTES;
        if (size > this.left)
            return false;
        this.left -= size;
        return true;
    }
    /** Takes `text` whatever it costs: for the parts every summary must have (they are small and bounded). */
    force(text) {
        if (text !== '')
            this.left -= byteLength(text) + SEPARATOR_BYTES;
    }
    /** Holds `bytes` back for a part written later. */
    reserve(bytes) {
        this.left -= bytes;
    }
    release(bytes) {
        this.left += bytes;
    }
    omit(what) {
        this.omitted.push(what);
    }
}
/** As many of `items` as fit, rendered one by one: rendering stops at the first that does not. */
function takeWhile(budget, items, render, max = Infinity) {
    const taken = [];
    for (const item of items) {
        if (taken.length >= max)
            break;
        const text = render(item);
        if (!budget.take(text))
            break;
        taken.push(text);
    }
    return taken;
}

;// CONCATENATED MODULE: ./src/report/model/inventory-wording.ts
// What the reports say of a job that finished while its devices were still
// being checked in the appliance's inventory (verify-inventory): the job is
// done, so nothing keeps running and nothing is to be uploaded again; only
// the inventory's word is missing.


/**
 * What a device not finished waits for: the job, or (the job is done, and
 * only verify-inventory's wait was cut short) the appliance's inventory.
 */
function unfinished(view) {
    if (!view.done)
        return 'not finished';
    return view.job.type === 'unmanage'
        ? "still in the appliance's inventory"
        : "not yet Online in the appliance's inventory";
}
/**
 * The job finished; the run ended while the appliance's inventory had not
 * confirmed its devices. Nothing needs uploading: checking again does.
 */
function inventoryCutShort(view) {
    const again = view.startedHere
        ? `${view.naming.waitInstead([view.job.id]).lead} (${view.naming.input(input_output_names/* Input */.pd.JobId, view.job.id)}): it asks the inventory again; do not upload the file again`
        : 'run the step again: it asks the inventory again';
    if (view.status === 'cancelled') {
        return `LXCA job ${view.job.id} finished; the run was cancelled before the appliance's inventory confirmed its devices: ${again}.`;
    }
    return `LXCA job ${view.job.id} finished, but the deadline came before the appliance's inventory confirmed ${(0,common_text/* plural */.LS)(view.pending.length, 'device')}: raise ${view.naming.input(input_output_names/* Input */.pd.Timeout)} (or ${view.naming.input(input_output_names/* Input */.pd.InventoryWait)}) and ${again}.`;
}

;// CONCATENATED MODULE: ./src/report/model/wording.ts
// The sentences the reports say about a job, as plain text: the Markdown
// renderer escapes them, the terminal renderer prints them, the messages and
// annotations quote them, so the step summary, the terminal and the failure
// message cannot disagree. The fixes are fixes.ts's, an import in parts is
// parts-wording.ts's, what to do next is next-steps.ts's.





/** `LXCA job 4229`, and ` on host` when the appliance is not named elsewhere. */
function jobName(view, host) {
    return `LXCA job ${view.job.id}${host ? ` on ${host}` : ''}`;
}
/** `1,000`. */
const count = common_text/* thousands */.oh;
/** `52% done of 300 devices: 290 succeeded, 1 failed, 9 not finished`: what was known when the wait ended. */
function knownState(view) {
    const { succeeded, failed, pending } = view;
    return `${(0,common_text/* percent */.KN)(view.progress)} done of ${(0,common_text/* plural */.LS)(view.total, 'device')}: ${count(succeeded.length)} succeeded, ${count(failed.length)} failed, ${count(pending.length)} ${unfinished(view)}`;
}
/**
 * `3 of 300 devices failed`, with the servers of the CSV the job does not
 * list: `1 of 4 devices failed, 1 not in the job`, `1 of 4 devices not in the job`.
 */
function failedCount(view) {
    const all = (0,common_text/* plural */.LS)(view.total + view.notInJob.length, 'device');
    const missing = view.notInJob.length;
    if (missing === 0)
        return `${count(view.failed.length)} of ${all} failed`;
    if (view.failed.length === 0)
        return `${count(missing)} of ${all} not in the job`;
    return `${count(view.failed.length)} of ${all} failed, ${count(missing)} not in the job`;
}
/** The first line around the job's name (a renderer may link it): what happened, in one sentence. */
function headlineParts(view) {
    const elapsed = (0,duration/* formatDuration */.a)(view.elapsedMs);
    switch (view.status) {
        case 'success':
            return {
                before: '',
                after: ` succeeded: ${view.total === 1 ? 'its one device' : `all ${(0,common_text/* plural */.LS)(view.total, 'device')}`} managed · ${elapsed}`
            };
        case 'failure': {
            const over = view.overAllowance ? `, ${allowanceWords(view.overAllowance, view.naming, false)}` : '';
            return { before: '', after: ` failed: ${failedCount(view)}${over} · ${elapsed}` };
        }
        case 'partial':
            return {
                before: '',
                after: ` passed: ${failedCount(view)}, ${view.excuse ? allowanceWords(view.excuse, view.naming, true) : 'within allowed-failures'} · ${elapsed}`
            };
        case 'timeout':
            return {
                before: '',
                after: ` timed out after ${(0,duration/* formatDuration */.a)(view.timeoutMs)}${view.seen ? `: ${knownState(view)}` : ''}`
            };
        case 'error':
            return { before: 'Could not check ', after: `: ${view.problem?.what ?? 'the outcome is unknown'} · ${elapsed}` };
        case 'cancelled':
            return {
                before: 'Cancelled while waiting for ',
                after: `${view.seen ? `: ${knownState(view)}` : ''} · ${elapsed}`
            };
    }
}
/** The first line as plain text. */
function headline(view, host) {
    const { before, after } = headlineParts(view);
    return `${before}${jobName(view, host)}${after}`;
}
/** A few words on why a job did not pass, for the several-jobs table: the first cause, or the problem. */
function why(view) {
    switch (view.status) {
        case 'success':
            return '';
        case 'failure':
        case 'partial': {
            const [first, ...others] = view.causes;
            const missing = view.notInJob.length > 0 ? `${count(view.notInJob.length)} not in the job` : '';
            if (!first)
                return missing;
            const at = first.step ? ` at ${first.step}` : '';
            const more = others.length > 0 ? `; +${(0,common_text/* plural */.LS)(others.length, 'other cause')}` : '';
            return `${count(first.devices.length)} ${first.result}${at}${more}${missing ? `; ${missing}` : ''}`;
        }
        case 'error':
            return view.problem?.what ?? 'the outcome is unknown';
        case 'timeout':
            if (view.done)
                return `${count(view.pending.length)} ${unfinished(view)}`;
            return view.seen ? `still running at ${(0,common_text/* percent */.KN)(view.progress)}` : 'no answer understood';
        case 'cancelled':
            return view.seen ? `cancelled at ${(0,common_text/* percent */.KN)(view.progress)}` : 'cancelled';
    }
}
/** What a server of the CSV that its job does not list needs. */
function notInJobFix(view) {
    return `LXCA did not list it, so it was not managed: check its row, then upload it again (${view.naming.failedRows} holds it).`;
}
/** Rows matched to the job's devices by count only: said once. */
function byCountNote(view) {
    if (view.byCount === 0 || !view.file)
        return undefined;
    return `${(0,common_text/* plural */.LS)(view.byCount, 'row')} of ${view.file} ${view.byCount === 1 ? 'is' : 'are'} accounted for by count only: ${view.byCount === 1 ? 'it names its device' : 'they name their devices'} in a way the job does not report (a host name, where the job gives addresses). Devices are shown by the appliance's names.`;
}
/** LXCA's own status, said only when it would mislead: a finished job with failures says INCOMPLETE. */
function lxcaStatusNote(view) {
    if (!view.done || view.status === 'success' || view.lxcaStatus?.toUpperCase() !== 'INCOMPLETE')
        return undefined;
    return 'LXCA marks finished jobs with failures INCOMPLETE';
}
/**
 * For a wait that ended before the job did: the job goes on without us. A
 * job this step's upload started must not be started again: the advice is to
 * wait for it (job-id), never to run the upload again.
 */
function keepsRunning(view) {
    if (view.status !== 'timeout' && view.status !== 'cancelled')
        return undefined;
    if (view.done)
        return inventoryCutShort(view);
    if (view.startedHere) {
        return `LXCA job ${view.job.id} keeps running on the appliance: to wait for it, ${view.naming.waitInstead([view.job.id]).lead} (${view.naming.input(input_output_names/* Input */.pd.JobId, view.job.id)}); do not upload the file again.`;
    }
    if (view.status === 'timeout') {
        return `The LXCA job keeps running on the appliance: raise ${view.naming.input(input_output_names/* Input */.pd.Timeout)} and run again, or follow it in ${common_text/* MONITORING */.Rp}.`;
    }
    return `The LXCA job keeps running on the appliance: follow it in ${common_text/* MONITORING */.Rp}.`;
}
/** The reason behind an error; for a timeout, the last failed request, if any (the headline says the rest). */
function detailsSentence(view) {
    if (!view.reason)
        return undefined;
    if (view.status === 'error')
        return `${(0,common_text/* clause */.sb)(view.reason)}.`;
    const last = view.status === 'timeout' ? /; (the last request failed: .*)$/s.exec(view.reason) : null;
    return last ? `${(0,common_text/* capitalise */.sK)((0,common_text/* clause */.sb)(last[1]))}.` : undefined;
}
/**
 * allowed-failures as it decided: `within allowed-failures 5% (10 devices)`,
 * `more than allowed-failures 4`.
 */
function allowanceWords(excuse, naming, within) {
    const [given, allowed] = excuse.given.split(': ');
    const what = `${naming.input(input_output_names/* Input */.pd.AllowedFailures, given)}${allowed === undefined ? '' : ` (${(0,common_text/* plural */.LS)(excuse.allowed, 'device')})`}`;
    return `${within ? 'within' : 'more than'} ${what}`;
}
/** The outcome in a few words, for tables: `❌ failed`. */
function outcomeWords(status) {
    return `${outcome_status/* STATUSES */.f[status].icon} ${outcome_status/* STATUSES */.f[status].verb}`;
}
/** `3 of 4 LXCA jobs on host did not pass: 2 failed, 1 timed out` (several jobs). */
function gateHeadline(jobs, host) {
    const passed = jobs.filter(job => outcome_status/* STATUSES */.f[job.status].passes).length;
    if (passed === jobs.length) {
        const excused = jobs.find(job => job.excuse)?.excuse;
        if (!excused)
            return `All ${jobs.length} LXCA jobs on ${host} succeeded`;
        return `${jobs.length} LXCA jobs on ${host} passed: ${count(excused.notSucceeded)} of ${(0,common_text/* plural */.LS)(excused.total, 'device')} did not succeed, ${allowanceWords(excused, jobs[0].naming, true)}`;
    }
    const counts = ['failure', 'error', 'timeout', 'cancelled']
        .map(status => [status, jobs.filter(job => job.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${outcome_status/* STATUSES */.f[status].verb}`);
    return `${jobs.length - passed} of ${jobs.length} LXCA jobs on ${host} did not pass: ${counts.join(', ')}`;
}
/** The icon of several jobs: a failed device outranks a timeout in what the reader must do. */
function gateIcon(statuses) {
    if (statuses.every(status => status === 'success'))
        return outcome_status/* STATUSES */.f.success.icon;
    if (statuses.every(status => outcome_status/* STATUSES */.f[status].passes))
        return outcome_status/* STATUSES */.f.partial.icon;
    if (statuses.includes('cancelled'))
        return outcome_status/* STATUSES */.f.cancelled.icon;
    if (statuses.includes('failure'))
        return outcome_status/* STATUSES */.f.failure.icon;
    if (statuses.includes('error'))
        return outcome_status/* STATUSES */.f.error.icon;
    return outcome_status/* STATUSES */.f.timeout.icon;
}
/** Emoji and terminal mark of each way a step is shown. */
const STEP_MARKS = {
    complete: { icon: '✅', mark: '✔' },
    failed: { icon: '❌', mark: '✖' },
    'failed-here': { icon: '❌', mark: '✖' },
    'not-run': { icon: '⏭️', mark: '·' },
    running: { icon: '🔄', mark: '↻' },
    current: { icon: '🔄', mark: '↻' },
    pending: { icon: '⬜', mark: '·' },
    unreported: { icon: '⏹️', mark: '·' },
    other: { icon: '❔', mark: '?' }
};
/** What the marked step is, after its line: `failed here`, or where a device stopped or is. */
function stepMarker(show, deviceState) {
    if (show === 'failed-here')
        return 'failed here';
    if (show === 'current')
        return deviceState === 'failed' ? 'stopped here' : 'now';
    return undefined;
}
/** The headline of an upload that started no job to wait on: validated, refused, or not started. */
function uploadHeadline(upload, host) {
    const elapsed = (0,duration/* formatDuration */.a)(upload.elapsedMs);
    const file = upload.file;
    if (upload.status === 'cancelled')
        return `Cancelled while uploading ${file} to ${host} after ${elapsed}`;
    if (upload.validationOnly) {
        if (upload.status === 'success')
            return `${file} is valid on ${host}: the appliance accepted its ${(0,common_text/* plural */.LS)(upload.rows, 'device')} · ${elapsed}`;
        if (upload.status === 'failure')
            return `${file} was refused by ${host}: ${(0,common_text/* plural */.LS)(upload.messages.length, 'problem')} · ${elapsed}`;
        return `Could not validate ${file} on ${host}: ${upload.problem?.what ?? 'the outcome is unknown'} · ${elapsed}`;
    }
    const what = `${upload.problem?.what ?? 'the outcome is unknown'} · ${elapsed}`;
    // What is known, once: started probably (taken, no job named), maybe (no clear answer), or not at all.
    if (upload.probablyStarted)
        return `The import of ${file} on ${host} has probably started, but ${what}`;
    if (upload.mayHaveStarted)
        return `The import of ${file} on ${host} may have started: ${what}`;
    return `Nothing was imported from ${file} on ${host}: ${what}`;
}
/** `Uploaded servers.csv (3 devices): LXCA job 4229.` */
function uploadLine(upload) {
    return upload.job
        ? `Uploaded ${upload.file} (${(0,common_text/* plural */.LS)(upload.rows, 'device')}): it started LXCA job ${upload.job.id}.`
        : undefined;
}
/** `rack12-node3 (10.240.9.13) servers.csv:4`: the server as people know it, and where the file has it. */
function placeOf(view, device) {
    return view.file && device.line !== undefined ? `${device.label} ${view.file}:${device.line}` : device.label;
}

;// CONCATENATED MODULE: ./src/report/markdown/step-tree-markdown.ts
// A device's step tree in Markdown, as LXCA reported it: nested list items,
// each step's state, and the step that failed (or that the device is at)
// marked and explained. Shared by the trees of causes and of unfinished steps.


function renderTree(steps, state, depth = 0) {
    if (steps.length === 0)
        return depth === 0 ? '_No step details were reported._' : '';
    const indent = '  '.repeat(depth);
    return steps
        .map(step => {
        const { icon } = STEP_MARKS[step.show];
        const words = `${escapeMarkdown(step.label, 120)} · ${escapeMarkdown(step.words, 40)}${step.percentage !== undefined ? ` (${Math.floor(step.percentage)}%)` : ''}`;
        const marker = stepMarker(step.show, state);
        let line = `${indent}- ${icon} ${marker ? `**${words}** ⟵ ${marker}` : words}`;
        if (marker && step.detail)
            line += `<br>${escapeMarkdown(step.detail, 600)}`;
        const children = renderTree(step.children, state, depth + 1);
        return children ? `${line}\n${children}` : line;
    })
        .join('\n');
}

;// CONCATENATED MODULE: ./src/report/markdown/cause-markdown.ts
// What failed, by cause, in Markdown: the causesTable (one row per cause, the
// action once, the devices it covers), and one step tree per cause, headed by
// the cause it illustrates. A device's own tree is shown only when its steps
// differ from its cause's, collapsed. Causes past the first ten keep their
// action, in a collapsed table of their own: never a table without it.






/** Rows of the causesTable; the others go to a collapsed table of the same columns. */
const MAX_CAUSES = 10;
/** Device addresses named in one cause row. */
const CAUSE_DEVICES = 3;
/** Step trees shown open: one per cause, at most this many. */
const MAX_EXPANDED = 5;
const HEADER = ['Devices', 'Result', 'Failed at', 'What to do', 'Which'];
const ALIGN = ['--:', '---', '---', '---', '---'];
/** Failed devices grouped by cause, largest group first; the CSV's rows the job does not list, last. */
function causesTable(view, budget, heading = 'Failures by cause') {
    if (view.causes.length + view.notInJob.length === 0)
        return '';
    const causes = view.causes.length + (view.notInJob.length > 0 ? 1 : 0);
    const title = `#### ${heading} (${(0,common_text/* plural */.LS)(view.failed.length + view.notInJob.length, 'device')}${causes > 1 ? `, ${(0,common_text/* plural */.LS)(causes, 'cause')}` : ''})`;
    const missing = view.notInJob.length > 0 ? [notInJobRow(view)] : [];
    const first = `${title}\n\n${table(HEADER, [...view.causes.slice(0, MAX_CAUSES).map(cause => causeRow(view, cause)), ...missing], ALIGN)}`;
    budget.force(first);
    const others = view.causes.slice(MAX_CAUSES);
    if (others.length === 0)
        return first;
    const summary = `${(0,common_text/* plural */.LS)(others.length, 'more cause')} (${(0,common_text/* plural */.LS)(cause_markdown_count(others), 'device')})`;
    budget.force(collapsed(summary, table(HEADER, [], ALIGN)));
    const rows = takeWhile(budget, others, cause => `| ${causeRow(view, cause).join(' | ')} |`);
    if (rows.length < others.length)
        budget.omit(`the causesTable rows of ${(0,common_text/* plural */.LS)(others.length - rows.length, 'cause')}`);
    return `${first}\n\n${collapsed(summary, [table(HEADER, [], ALIGN), ...rows].join('\n'))}`;
}
function causeRow(view, cause) {
    const named = cause.devices.slice(0, CAUSE_DEVICES).map(item => escapeMarkdown(view.device(item).label, 120));
    const rest = cause.devices.length - named.length;
    const action = [cause.userAction, cause.hint].filter(Boolean).join(' ');
    return [
        cause.devices.length.toLocaleString('en-US'),
        escapeMarkdown(cause.result, 60),
        escapeMarkdown(cause.step, 160),
        escapeMarkdown(action, 500),
        `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
    ];
}
/** The servers of the CSV the job does not list, as one more cause. */
function notInJobRow(view) {
    const named = view.notInJob.slice(0, CAUSE_DEVICES).map(row => escapeMarkdown(row.label, 120));
    const rest = view.notInJob.length - named.length;
    return [
        view.notInJob.length.toLocaleString('en-US'),
        'not in the job',
        '—',
        escapeMarkdown(notInJobFix(view), 300),
        `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
    ];
}
function cause_markdown_count(causes) {
    return causes.reduce((sum, cause) => sum + cause.devices.length, 0);
}
/** One open tree per cause, headed by the cause, with how many devices share it. */
function causeTrees(view, budget) {
    const causes = view.causes.slice(0, MAX_EXPANDED);
    const parts = takeWhile(budget, causes, cause => causeTree(view, cause));
    if (parts.length < causes.length)
        budget.omit((0,common_text/* plural */.LS)(causes.length - parts.length, 'step tree of a cause'));
    if (parts.length === 0)
        return '';
    const left = view.causes.length - parts.length;
    // What is left out is said: the reader must not take five trees for every cause.
    const heading = left > 0
        ? `#### How the ${(0,common_text/* plural */.LS)(parts.length, 'largest cause')} failed (${(0,common_text/* plural */.LS)(left, 'more cause')} in the table above; every device's steps are in the report file)`
        : `#### How ${parts.length === 1 ? 'it' : 'each cause'} failed`;
    return [heading, ...parts].join('\n\n');
}
function causeTree(view, cause) {
    const [shown] = cause.devices;
    const device = view.device(shown);
    const heading = `##### ❌ ${view.causes.length > 1 ? `Cause ${cause.rank} · ` : ''}${(0,common_text/* plural */.LS)(cause.devices.length, 'device')} · ${escapeMarkdown(cause.result, 80)}${cause.step ? ` at ${escapeMarkdown(cause.step, 160)}` : ''}`;
    const facts = [
        `shown for ${escapeMarkdown(device.label, 160)}${view.file && device.line !== undefined ? ` · ${escapeMarkdown(view.file, 200)}&#58;${device.line}` : ''}`,
        device.uuid ? `UUID ${escapeMarkdown(device.uuid, 64)}` : '',
        device.timeSpentMs === undefined ? '' : (0,duration/* formatDuration */.a)(device.timeSpentMs)
    ];
    const lines = [heading, `<sub>${facts.filter(Boolean).join(' · ')}</sub>`];
    // LXCA's own action first: its long description is often generic ("An internal error occurred…").
    // The shown device's own words: the cause's action may be a template with placeholders.
    const action = device.userAction ?? cause.userAction;
    if (action)
        lines.push(`👉 **User action:** ${escapeMarkdown(action, 2_000)}`);
    if (cause.hint)
        lines.push(`👉 ${escapeMarkdown(cause.hint, 600)}`);
    if (device.description)
        lines.push(escapeMarkdown(device.description, 1_000));
    lines.push(renderTree(device.tree(), 'failed'));
    return lines.join('\n\n');
}
/**
 * Collapsed: the trees of failed devices whose steps differ from their
 * cause's tree, as far as they fit (unfinished devices are grouped by step:
 * pending-markdown.ts).
 */
function otherTrees(view, budget) {
    const differing = view.causes.flatMap(cause => {
        const shape = stepsShape(cause.devices[0]);
        return cause.devices.slice(1).filter(item => stepsShape(item) !== shape);
    });
    if (differing.length === 0)
        return '';
    const summary = `Step trees of ${(0,common_text/* plural */.LS)(differing.length, 'failed device')} whose steps differ from their cause’s`;
    budget.force(collapsed(summary, ''));
    const trees = takeWhile(budget, differing, item => deviceTree(view, item));
    if (trees.length < differing.length)
        budget.omit(`the step trees of ${(0,common_text/* plural */.LS)(differing.length - trees.length, 'device')}`);
    return trees.length > 0 ? collapsed(summary, trees.join('\n\n')) : '';
}
/** A device's steps as LXCA reported them (ids and states), to tell whether two devices failed the same way. */
function stepsShape(item) {
    const shape = (nodes) => nodes
        .map(node => `${node.id}:${node.state ?? ''}${node.children.length > 0 ? `(${shape(node.children)})` : ''}`)
        .join(',');
    return shape(item.device.steps);
}
function deviceTree(view, item) {
    const device = view.device(item);
    const time = device.timeSpentMs === undefined ? '' : ` · ${(0,duration/* formatDuration */.a)(device.timeSpentMs)}`;
    return `❌ **${escapeMarkdown(device.label, 160)}** · ${escapeMarkdown(device.result ?? 'no result yet', 80)}${time}\n\n${renderTree(device.tree(), item.state)}`;
}

;// CONCATENATED MODULE: ./src/report/markdown/pending-markdown.ts
// The devices a job has not finished, grouped by the step they are at, as
// failures are grouped by cause: a timeout of 1,000 devices is a few rows
// ("640 at Configuration › NTP") and one step tree for each of the largest
// groups, not 1,000 rows and 1,000 trees. Where each device is stays in the
// report file (the job document) and, row by row, in failed-csv.





/** Devices named in one row. */
const GROUP_DEVICES = 3;
/** Rows of the table; the rest are counted in one last row. */
const MAX_GROUPS = 20;
/** Step trees shown: one device of each of the largest groups. */
const MAX_TREES = 5;
/** The unfinished devices by the step they are at, largest group first (then by step, for a stable order). */
function pendingGroups(view) {
    const groups = new Map();
    for (const item of view.pending) {
        const step = view.device(item).step ?? '';
        const devices = groups.get(step);
        if (devices)
            devices.push(item);
        else
            groups.set(step, [item]);
    }
    return [...groups]
        .map(([step, devices]) => ({ ...(step ? { step } : {}), devices }))
        .sort((a, b) => b.devices.length - a.devices.length || (a.step ?? '').localeCompare(b.step ?? ''));
}
/** One row per step, then one step tree per group for the largest; what is left out is said. */
function pendingMarkdown(view, budget) {
    if (view.pending.length === 0)
        return '';
    const groups = pendingGroups(view);
    const shown = groups.slice(0, MAX_GROUPS);
    const rest = groups.slice(MAX_GROUPS);
    const rows = shown.map(group => groupRow(view, group));
    if (rest.length > 0) {
        const devices = rest.reduce((sum, group) => sum + group.devices.length, 0);
        rows.push([devices.toLocaleString('en-US'), `${(0,common_text/* plural */.LS)(rest.length, 'other step')}`, 'in the report file']);
    }
    const title = `#### Not finished, by the step each device is at (${(0,common_text/* plural */.LS)(view.pending.length, 'device')}${groups.length > 1 ? `, ${(0,common_text/* plural */.LS)(groups.length, 'step')}` : ''})`;
    const first = `${title}\n\n${table(['Devices', 'At step', 'Which'], rows, ['--:', '---', '---'])}`;
    budget.force(first);
    const treeGroups = groups.slice(0, MAX_TREES);
    const trees = takeWhile(budget, treeGroups, group => groupTree(view, group));
    const left = groups.length - trees.length;
    if (trees.length < treeGroups.length)
        budget.omit((0,common_text/* plural */.LS)(treeGroups.length - trees.length, 'step tree of an unfinished step'));
    if (trees.length === 0)
        return first;
    const summary = left > 0
        ? `Step trees for the ${(0,common_text/* plural */.LS)(trees.length, 'largest group')}; ${left.toLocaleString('en-US')} more in the report file`
        : `Step trees, one device at each step`;
    return `${first}\n\n${collapsed(summary, trees.join('\n\n'))}`;
}
function groupRow(view, group) {
    const named = group.devices.slice(0, GROUP_DEVICES).map(item => escapeMarkdown(view.device(item).label, 120));
    const rest = group.devices.length - named.length;
    return [
        group.devices.length.toLocaleString('en-US'),
        group.step ? escapeMarkdown(group.step, 160) : 'not started',
        `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
    ];
}
function groupTree(view, group) {
    const [first] = group.devices;
    const device = view.device(first);
    const time = device.timeSpentMs === undefined ? '' : ` · ${(0,duration/* formatDuration */.a)(device.timeSpentMs)} so far`;
    const where = view.file && device.line !== undefined ? ` · ${escapeMarkdown(view.file, 200)}&#58;${device.line}` : '';
    const heading = `⏳ **${(0,common_text/* plural */.LS)(group.devices.length, 'device')} at ${group.step ? escapeMarkdown(group.step, 160) : 'no step yet'}** · shown for ${escapeMarkdown(device.label, 160)}${where}${time}`;
    return `${heading}\n\n${renderTree(device.tree(), 'pending')}`;
}

// EXTERNAL MODULE: ./src/lxca/verdict.ts
var verdict = __webpack_require__(9225);
// EXTERNAL MODULE: ./src/outcome/reachability.ts
var reachability = __webpack_require__(4577);
;// CONCATENATED MODULE: ./src/report/model/fault-fixes.ts


/** What a rejected certificate needs, by why it was rejected. */
function tlsProblem(code, n) {
    const trust = `Set ${n.input(input_output_names/* Input */.pd.CaCertificate)} to the appliance's CA certificate (or its own certificate), or pin it with ${n.input(input_output_names/* Input */.pd.TlsFingerprint)}.`;
    switch (code) {
        case 'expired':
        case 'unreadable-validity':
            return {
                what: "the appliance's certificate was rejected: it has expired",
                fix: "Renew the appliance's certificate, or correct the clock of the runner or of the appliance if it is wrong."
            };
        case 'not-yet-valid':
            return {
                what: "the appliance's certificate was rejected: it is not valid yet",
                fix: 'Correct the clock of the runner or of the appliance.'
            };
        case 'name':
            return {
                what: "the appliance's certificate was rejected: it does not name the host",
                fix: `Set ${n.input(input_output_names/* Input */.pd.TlsServerName)} to a name the certificate carries (the details list them).`
            };
        case 'fingerprint':
            return {
                what: "the appliance's certificate was rejected: its fingerprint is not the pinned one",
                fix: `Check ${n.input(input_output_names/* Input */.pd.TlsFingerprint)} against the appliance's certificate (openssl x509 -noout -fingerprint -sha256).`
            };
        case 'handshake':
            return { what: 'the TLS handshake failed', fix: `Point ${n.input(input_output_names/* Input */.pd.Host)} at the appliance's HTTPS port.` };
        case 'plain-to-tls':
            return { what: 'the appliance answered http:// with TLS', fix: `Use https:// in ${n.input(input_output_names/* Input */.pd.Host)}.` };
        case 'self-signed':
            return { what: "the appliance's certificate was rejected: it is self-signed", fix: trust };
        default:
            return { what: "the appliance's certificate was rejected: it is not trusted", fix: trust };
    }
}
const ROLE = {
    read: 'any LXCA role may read jobs and the inventory (lxc-operator is enough)',
    upload: 'an upload manages devices, so its account needs a role that may (such as lxc-supervisor)'
};
/** What each fault means for the reader, and its one fix. */
function faultProblem(fault, n, call = 'read') {
    const http = fault.httpStatus ? ` (HTTP ${fault.httpStatus})` : '';
    switch (fault.kind) {
        case 'auth': {
            const check = `Check ${n.credentials}; ${ROLE[call]}`;
            const session = fault.code === 'basic'
                ? `; if they are right, the appliance may take sessions only: set ${n.input(input_output_names/* Input */.pd.AuthMethod, 'session')}`
                : '';
            return { what: `credentials refused${http}`, fix: `${check}${session}.` };
        }
        case 'not-found':
            return {
                what: `job not found${http}`,
                fix: `Check ${n.input(input_output_names/* Input */.pd.JobId)} (and ${n.input(input_output_names/* Input */.pd.JobType)} for a bare ID): the job may belong to another appliance, or be too old to be kept.`
            };
        case 'tls':
            return tlsProblem(fault.code, n);
        case 'redirect':
            return {
                what: `the appliance redirected the request${http}`,
                fix: `Set ${n.input(input_output_names/* Input */.pd.Host)} to the appliance's own HTTPS address; redirects are never followed with credentials.`
            };
        case 'proxy':
            return { what: 'the proxy did not let the request through', fix: 'Check HTTPS_PROXY and NO_PROXY on the runner.' };
        case 'network':
            return (0,reachability/* findsNothing */.yA)(fault)
                ? nothingThere(fault, n)
                : {
                    what: 'the appliance could not be reached',
                    fix: `Check ${n.input(input_output_names/* Input */.pd.Host)}, and the network path from the runner (DNS, firewall, proxy).`
                };
        case 'timeout':
            return {
                what: 'the appliance did not answer in time',
                fix: `The appliance may be overloaded: raise ${n.input(input_output_names/* Input */.pd.RequestTimeout)}, or ${n.input(input_output_names/* Input */.pd.MaxRetries)} for a flaky link.`
            };
        case 'http':
            return {
                what: `the appliance kept failing${http}`,
                fix: `The appliance may be restarting: run again later, or raise ${n.input(input_output_names/* Input */.pd.MaxRetries)}.`
            };
        case 'body':
        case 'shape':
            return {
                what: 'its answers were not understood',
                withReason: true,
                fix: `Check that ${n.input(input_output_names/* Input */.pd.Host)} is an XClarity Administrator and ${n.input(input_output_names/* Input */.pd.JobType)} matches the job; the last answer is in the report file.`
            };
        case 'cancelled':
            return { what: 'the wait was cancelled', fix: 'Run the workflow again.' };
    }
}
/** Refused, no route: nothing answers at the address. */
function nothingThere(fault, n) {
    const why = {
        ECONNREFUSED: 'connection refused',
        EHOSTUNREACH: 'no route to the host',
        ENETUNREACH: 'no route to the network',
        EHOSTDOWN: 'the host is down',
        EAI_AGAIN: 'the name does not resolve for now',
        ENOTFOUND: 'the name does not resolve'
    };
    return {
        what: `nothing answers at ${fault.endpoint ?? 'the address'} (${why[fault.code ?? ''] ?? fault.code})`,
        fix: `Check ${n.input(input_output_names/* Input */.pd.Host)} and its port.`
    };
}
const UNKNOWN = { what: 'the outcome is unknown', fix: 'The details below say what happened.' };

;// CONCATENATED MODULE: ./src/report/model/fixes.ts
// Why a job could not be checked (or an upload started no job), in a few
// words, the one fix for that cause, and the details: the first thing the
// person on call reads on "error". Read from the outcome's cause, never
// decided again. A fix is written once, for its cause, and names what to
// change the reader's way (the Action's inputs, or the command line's flags);
// the details say what happened and what the appliance said, never the fix.




/**
 * `started`: the job, when this step's upload started it (job-id was not
 * given): the job may still be running, so the fix says how to wait for it,
 * and never to upload the file again.
 */
function problemOf(cause, started, n) {
    const problem = problemOfCause(cause, started !== undefined, n);
    const fault = cause.kind === 'never-understood' ? cause.lastFault : 'fault' in cause ? cause.fault : undefined;
    // A job that is foreign, or finished (its inventory is the trouble), is not one to wait for.
    const finished = cause.kind === 'foreign' || cause.kind === 'inventory';
    if (!started || finished || problem.fix.includes(input_output_names/* Input */.pd.JobId))
        return problem;
    if (!fault && cause.kind !== 'never-understood')
        return problem;
    const wait = `wait for it with ${n.input(input_output_names/* Input */.pd.JobId, started.id)}; do not upload the file again`;
    // A fault that asking again may mend needs nothing but the wait; any other, its own fix first.
    const transient = !fault || ['http', 'timeout', 'network', 'body', 'shape', 'proxy'].includes(fault.kind);
    return {
        ...problem,
        fix: transient
            ? `The import was started and may still be running: ${wait}${fault?.kind === 'http' || fault?.kind === 'timeout' ? ` (raise ${n.input(input_output_names/* Input */.pd.MaxRetries)} if the appliance keeps failing)` : ''}.`
            : `${problem.fix} The import was started and may still be running: then ${wait}.`
    };
}
function problemOfCause(cause, startedByUpload, n) {
    switch (cause.kind) {
        case 'empty':
            return {
                what: 'the job finished with no devices',
                fix: `LXCA reported no device for this job: check the import in ${common_text/* MONITORING */.Rp}.`
            };
        case 'unreported':
            return {
                what: 'a device finished without a result',
                fix: `Look at the job in ${common_text/* MONITORING */.Rp}; run again once every device has a result.`
            };
        case 'never-understood':
            return cause.lastFault ? faultProblem(cause.lastFault, n) : UNKNOWN;
        case 'fault':
            if (startedByUpload && cause.fault.kind === 'not-found') {
                return {
                    what: 'the job the upload started was not found',
                    fix: `The import has probably started: find it in ${common_text/* MONITORING */.Rp} and pass its job as ${n.input(input_output_names/* Input */.pd.JobId)}; do not upload the file again.`
                };
            }
            return faultProblem(cause.fault, n);
        case 'retries':
        case 'unreachable':
            return faultProblem(cause.fault, n);
        case 'inventory':
            return inventoryProblem(cause.problem, n);
        case 'foreign':
            return {
                what: `the job lists ${(0,common_text/* plural */.LS)(cause.devices.length, 'device')} this part did not upload`,
                fix: `The appliance answered with a job that holds other servers: find this part's own import in ${common_text/* MONITORING */.Rp} and wait for it with ${n.input(input_output_names/* Input */.pd.JobId)}; upload nothing again before that.`
            };
    }
}
/**
 * What to do about a failed device that LXCA's own user action does not say,
 * by the steps it failed at (their LXCA ids): a device that fails the
 * duplicate check is almost always managed already.
 */
function causeHint(stepIds) {
    if (stepIds.includes('DUPLICATE_CHECK')) {
        return 'The server is probably managed already (by this or another XClarity Administrator): drop its row from the CSV, or unmanage it first.';
    }
    return undefined;
}
/** Why a job could not be checked, or what the last request said before a timeout: the details line. */
function reasonOf(outcome, timeoutMs) {
    const within = (0,duration/* formatDuration */.a)(timeoutMs);
    const last = (fault) => (fault ? `; the last request failed: ${fault.message}` : '');
    if (outcome.status === 'timeout')
        return `the job did not finish within ${within}${last(outcome.lastFault)}`;
    if (outcome.status !== 'error')
        return undefined;
    const { cause } = outcome;
    switch (cause.kind) {
        case 'fault':
            return cause.fault.message;
        case 'retries':
            return `${(0,common_text/* plural */.LS)(cause.count, 'request')} in a row failed (max-retries is ${cause.maxRetries}); the last: ${cause.fault.message}`;
        case 'unreachable':
            return `nothing answered ${(0,common_text/* plural */.LS)(cause.count, 'request')} in ${(0,duration/* formatDuration */.a)(cause.forMs)}; the last: ${cause.fault.message}`;
        case 'never-understood':
            return `no usable answer about the job within ${within}${last(cause.lastFault)}`;
        case 'empty':
            return 'the job finished with no device results, so no device can be called ready';
        case 'unreported': {
            const missing = cause.devices.map(item => item.device.address);
            const named = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
            const subject = missing.length === 1 ? `device ${named} has` : `devices ${named} have`;
            return `the job finished, but ${subject} no result, so neither success nor failure can be told`;
        }
        case 'inventory':
            return cause.problem.reason;
        case 'foreign': {
            const named = cause.devices
                .slice(0, 3)
                .map(({ device, elsewhere }) => elsewhere ? `${device.address} (${elsewhere.path}:${elsewhere.line}, a row of another part)` : device.address);
            const more = cause.devices.length > 3 ? ` and ${cause.devices.length - 3} more` : '';
            return `the job lists ${named.join(', ')}${more}, which this part did not upload, so its results cannot be taken for this part's rows`;
        }
    }
}
/** What became of an upload that may have reached the appliance but got no usable answer. */
const UNANSWERED = {
    network: 'the connection broke before the appliance answered',
    timeout: 'the appliance did not answer in time',
    body: 'the answer was cut off',
    cancelled: 'the upload was cancelled'
};
/** Why the upload did not start an import, or the file was not validated. */
function uploadProblemOf(upload, n) {
    if (upload.status === 'failure') {
        return {
            what: 'the appliance refused the file',
            fix: 'Correct the CSV as the appliance says below, then validate it again.'
        };
    }
    if (upload.status !== 'error')
        return undefined;
    const { cause } = upload;
    switch (cause.kind) {
        case 'unreadable':
            return {
                what: "the appliance's answer could not be read",
                fix: `Check that ${n.input(input_output_names/* Input */.pd.Host)} is an XClarity Administrator; its answer is quoted in the details below.`
            };
        case 'repeated-job':
            return {
                what: `the appliance answered with job ${cause.job.id}, which an earlier part started`,
                fix: `This part's import has probably started under another job: find it in ${common_text/* MONITORING */.Rp} and wait for it with ${n.input(input_output_names/* Input */.pd.JobId)}; do not upload the file again.`
            };
        case 'no-job':
            return {
                what: 'the appliance named no job',
                fix: `Find the import in ${common_text/* MONITORING */.Rp} and pass its job as ${n.input(input_output_names/* Input */.pd.JobId)}; do not upload the file again.`
            };
        case 'may-have-started':
            return {
                what: upload.httpStatus
                    ? `the appliance answered HTTP ${upload.httpStatus}`
                    : (UNANSWERED[cause.fault?.kind ?? 'network'] ?? 'the upload got no answer'),
                fix: `Look for the import in ${common_text/* MONITORING */.Rp} before uploading again; if it is there, pass its job as ${n.input(input_output_names/* Input */.pd.JobId)}.`
            };
        case 'not-imported':
            return notImportedProblem(cause.fault, upload.httpStatus, n);
    }
}
function notImportedProblem(fault, httpStatus, n) {
    if (fault?.kind === 'not-found') {
        return {
            what: `the appliance has no bulk import here${httpStatus ? ` (HTTP ${httpStatus})` : ''}`,
            fix: `Check that ${n.input(input_output_names/* Input */.pd.Host)} is an XClarity Administrator.`
        };
    }
    const refused = httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500;
    if (refused && fault?.kind === 'http') {
        return {
            what: `the appliance refused the upload (HTTP ${httpStatus})`,
            fix: `Check the CSV against what the appliance says below; ${n.input(input_output_names/* Input */.pd.ValidationOnly, 'true')} checks a CSV without importing it.`
        };
    }
    return fault ? faultProblem({ ...fault, httpStatus }, n, 'upload') : UNKNOWN;
}
/** The one fix when the inventory could not be used: its cause's, and the input that does without it. */
function inventoryProblem(problem, n) {
    const { phase, kind, fault } = problem;
    const input = phase === 'skip' ? n.input(input_output_names/* Input */.pd.SkipManaged, 'false') : n.input(input_output_names/* Input */.pd.VerifyInventory, 'false');
    const without = phase === 'skip'
        ? `or set ${input} to upload every row without asking the inventory (rows already managed then fail LXCA's duplicate check)`
        : `or set ${input} to take the job's word for its devices`;
    switch (kind) {
        case 'fault': {
            const faulty = fault ? faultProblem(fault, n) : UNKNOWN;
            return {
                what: `the appliance's inventory could not be read: ${faulty.what}`,
                fix: `${clauseOf(faulty.fix)}; ${without}.`
            };
        }
        case 'not-understood':
            return {
                what: "the appliance's inventory was not understood",
                fix: `Check that ${n.input(input_output_names/* Input */.pd.Host)} is an XClarity Administrator; ${without}.`
            };
        case 'deadline':
            return {
                what: "the deadline came before the appliance's inventory was read",
                fix: `Raise ${n.input(input_output_names/* Input */.pd.Timeout)}, ${without}.`
            };
        case 'cancelled':
            return { what: "the run was cancelled while the appliance's inventory was read", fix: 'Run the step again.' };
    }
}
function clauseOf(sentence) {
    return sentence.replace(/[\s.]+$/, '');
}

;// CONCATENATED MODULE: ./src/report/model/causes.ts


/** Placeholders, readable in a table cell. */
const DEVICE = '‹device›';
const ADDRESS = '‹address›';
const ID = '‹id›';
const NUMBER = '‹n›';
/** Only so much of a user action is compared: a 30 KB string is not copied for every device. */
const MAX_COMPARED = 4_096;
const PARTICULARS = [
    [/\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi, ID],
    [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, ADDRESS],
    // IPv6, compressed or not (`fe80::1`, `2001:db8:0:0:0:0:0:1`): hex groups, some empty, with a digit somewhere.
    [/(?<![\w:])(?=[0-9a-f:]{0,38}[0-9a-f])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi, ADDRESS],
    [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, ID],
    [/\b\d+\b/g, NUMBER]
];
/** A name shorter than this is not masked: "web" may be part of any sentence. */
const MIN_NAME = 3;
/**
 * `text` with what is particular to one device replaced by a placeholder:
 * the device's own identifiers (`own`: those of its address parts and UUID
 * the text quotes), its names as whole words (`names`: its CSV row's name and
 * cells, what the inventory calls it), then UUIDs, IP addresses, long hex and
 * decimal numbers.
 */
function maskParticulars(text, own, names = []) {
    let masked = text.length > MAX_COMPARED ? text.slice(0, MAX_COMPARED) : text;
    for (const value of own)
        masked = masked.split(value).join(DEVICE);
    for (const name of names)
        masked = masked.replace(wholeWord(name), DEVICE);
    for (const [pattern, placeholder] of PARTICULARS)
        masked = masked.replace(pattern, placeholder);
    return masked;
}
/** `name` as a whole word, in any case: not inside `rack12-node70` or `webserver`. */
function wholeWord(name) {
    return new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'gi');
}
/** A device's own identifiers, as its texts may quote them. */
function identifiersOf(item) {
    const { device } = item;
    const parts = device.address.split(/,\s*/).filter(part => part !== '');
    return [...parts, ...(device.uuid ? [device.uuid, device.uuid.toLowerCase(), device.uuid.toUpperCase()] : [])];
}
/** The failed devices by cause, largest first (equal counts in the order the appliance listed them). */
function causesOf(failed, scrub, namesOf = () => []) {
    // Keyed by each part apart, never by one long concatenated key, and a text no device names itself in
    // is masked once: a hostile document's 30 KB strings, or 100,000 devices, cost no more than their count.
    const groups = new Map();
    const order = [];
    const templates = new Map();
    for (const item of failed) {
        const action = (0,verdict/* userActionOf */.Ru)(item) ?? '';
        const own = identifiersOf(item).filter(value => value.length >= 3 && action.includes(value));
        const lower = action.toLowerCase();
        const names = namesOf(item).filter((name) => name !== undefined && name.length >= MIN_NAME && lower.includes(name.toLowerCase()));
        const particular = own.length > 0 || names.length > 0;
        let template = particular ? undefined : templates.get(action);
        if (template === undefined) {
            template = maskParticulars(action, own, names);
            if (!particular)
                templates.set(action, template);
        }
        const byStep = child(groups, item.device.result ?? '', () => new Map());
        const byTemplate = child(byStep, item.stepPath.map(node => node.id).join('/'), () => new Map());
        const group = child(byTemplate, template, () => {
            const made = { devices: [], actions: new Set(), template: template };
            order.push(made);
            return made;
        });
        group.devices.push(item);
        if (group.actions.size < 2)
            group.actions.add(action);
    }
    // Stable: equal counts keep the order in which the appliance listed them.
    return order
        .sort((a, b) => b.devices.length - a.devices.length)
        .map((group, index) => {
        const [first] = group.devices;
        const step = (0,verdict/* stepPathLabel */.o2)(first.stepPath);
        const action = group.actions.size === 1 ? ((0,verdict/* userActionOf */.Ru)(first) ?? '') : group.template;
        const hint = causeHint(first.stepPath.map(node => node.id));
        return {
            result: scrub(first.device.result ?? ''),
            step: step ? scrub(step) : undefined,
            userAction: action ? scrub(action) : undefined,
            ...(hint ? { hint } : {}),
            rank: index + 1,
            devices: group.devices
        };
    });
}
function child(map, key, make) {
    let value = map.get(key);
    if (value === undefined)
        map.set(key, (value = make()));
    return value;
}
/** Devices ordered as a reader scans them: by cause (largest first), then by address (numbers as numbers). */
function byCauseThenAddress(causes, others) {
    const byAddress = (a, b) => a.device.address.localeCompare(b.device.address, 'en', { numeric: true });
    return [...causes.flatMap(cause => [...cause.devices].sort(byAddress)), ...[...others].sort(byAddress)];
}

;// CONCATENATED MODULE: ./src/report/markdown/job-markdown.ts
// One job's part of the step summary, answering in this order: what
// happened (the headline, with the job and the appliance linked), why and
// what to do (failures by cause, the fix), which devices (those that did not
// succeed, by cause), how each cause failed (one step tree per cause), where
// the unfinished devices are (grouped by step), and then the rest, collapsed. It fits the bytes it is given by leaving out, in
// this order: the step trees of devices that differ from their cause's, then
// successful devices' addresses, then the trees of the causes, then table
// rows; the counts always cover every device, and what was left out is said
// at the top.










/** Table rows at most, whatever the budget: past this many, the report file is the place to look. */
const MAX_TABLE_ROWS = 1_000;
/** Kept for the note that says what was left out. */
const NOTE_BYTES = 1_024;
function renderJobMarkdown(view, budgetBytes, options) {
    const budget = new Budget(budgetBytes);
    budget.reserve(NOTE_BYTES);
    const head = `### ${outcome_status/* STATUSES */.f[view.status].icon} ${headlineMarkdown(view, options)}`;
    const intro = [head, ...introLines(view, options)];
    if (options.note)
        intro.splice(2, 0, options.note);
    for (const part of [...intro, options.footer ?? ''])
        budget.force(part);
    const causes = options.causesElsewhere ? '' : causesTable(view, budget);
    const about = aboutTheWait(view);
    budget.force(about);
    const tablePart = deviceTable(view, budget);
    const pending = pendingMarkdown(view, budget);
    const trees = options.causesElsewhere ? '' : causeTrees(view, budget);
    const succeeded = successList(view, budget);
    const others = otherTrees(view, budget);
    budget.release(NOTE_BYTES);
    return [
        head,
        omissionNote(budget.omitted),
        ...intro.slice(1),
        causes,
        tablePart,
        trees,
        others,
        pending,
        succeeded,
        about,
        options.footer ?? ''
    ]
        .filter(Boolean)
        .join('\n\n');
}
/** The headline, its server text escaped, the job (and the appliance) linked: links built from validated values only. */
function headlineMarkdown(view, options) {
    const { before, after } = headlineParts(view);
    const job = `[LXCA job ${escapeMarkdown(view.job.id, 140)}](${(0,job_ref/* jobUrl */.Ne)(options.baseUrl, view.job).href})`;
    const on = options.host ? ` on [${escapeMarkdown(options.host, 200)}](${options.baseUrl.href})` : '';
    const lead = after.startsWith(' ') ? ' ' : '';
    return `${before ? `${escapeMarkdown(before)} ` : ''}${job}${on}${lead}${escapeMarkdown(after, 600)}`;
}
/** The facts, the fix or what the wait left open, the details, the progress bar. */
function introLines(view, options) {
    const lines = [];
    const facts = [`**Job** ${escapeMarkdown(view.path)}`];
    // Progress is said once: the headline of a timeout or a cancellation already says it.
    if (view.seen && view.status !== 'timeout' && view.status !== 'cancelled')
        facts.push(`**Progress** ${(0,common_text/* percent */.KN)(view.progress)}`);
    const status = lxcaStatusNote(view);
    if (status)
        facts.push(`**LXCA status** ${escapeMarkdown(view.lxcaStatus, 60)} (${status})`);
    lines.push(facts.join(' · '));
    if (view.problem)
        lines.push(`**Fix:** ${escapeMarkdown(view.problem.fix, 600)}`);
    const open = options.nextStepsElsewhere ? undefined : keepsRunning(view);
    if (open)
        lines.push(`**${escapeMarkdown(open, 600)}**`);
    if (open && view.startedHere) {
        // What to copy: this step's upload started the job, so waiting for it (job-id) is the way on.
        const { snippet, language } = view.naming.waitInstead([view.job.id]);
        lines.push(codeBlock(snippet, language));
    }
    const why = detailsSentence(view);
    if (why)
        lines.push(`> **Details:** ${escapeMarkdown(why, 2_000)}`);
    if (view.seen && !view.done && view.status !== 'success' && view.status !== 'failure')
        lines.push(progressBar(view.progress));
    if (!view.seen && view.status !== 'cancelled')
        lines.push('_No job document was understood, so no device can be shown._');
    const byCount = byCountNote(view);
    if (byCount)
        lines.push(`ℹ️ ${escapeMarkdown(byCount, 600)}`);
    return lines;
}
function progressBar(progress) {
    const width = 20;
    const filled = Math.round((Math.min(100, Math.max(0, progress ?? 0)) / 100) * width);
    return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\``;
}
/** How the wait went, collapsed: the requests, the retries, LXCA's own status. */
function aboutTheWait(view) {
    const facts = [
        `Polled ${(0,common_text/* plural */.LS)(view.polls, 'time')}${view.retries > 0 ? `, ${(0,common_text/* plural */.LS)(view.retries, 'retry')}` : ''} in ${(0,duration/* formatDuration */.a)(view.elapsedMs)}`,
        `timeout ${(0,duration/* formatDuration */.a)(view.timeoutMs)}`
    ];
    if (view.lxcaStatus && !lxcaStatusNote(view))
        facts.push(`LXCA status ${escapeMarkdown(view.lxcaStatus, 60)}`);
    return collapsed('About this wait', facts.join(' · '));
}
/**
 * Every device that failed, by cause (largest first), then by address, then
 * the CSV's rows the job does not list: narrow columns, no UUID, and the CSV
 * line when the step uploaded the file. Unfinished devices are grouped by
 * step instead (pending-markdown.ts).
 */
function deviceTable(view, budget) {
    const items = byCauseThenAddress(view.causes, []);
    if (items.length + view.notInJob.length === 0)
        return '';
    const count = (n, what) => (n > 0 ? `${n.toLocaleString('en-US')} ${what}` : '');
    const counts = [count(view.failed.length, 'failed'), count(view.notInJob.length, 'not in the job')];
    const title = `#### Devices that did not succeed (${counts.filter(Boolean).join(', ')})`;
    const header = table(['Device', 'Result', 'Step', 'Time', ...(view.file ? ['CSV line'] : [])], []);
    budget.force(`${title}\n\n${header}`);
    const lines = [
        ...items.map(item => () => tableRow(view, item)),
        ...view.notInJob.map(row => () => rowOfFile(view, row))
    ];
    const rows = takeWhile(budget, lines, line => line(), MAX_TABLE_ROWS);
    if (rows.length < lines.length)
        budget.omit(`the table rows of ${(0,common_text/* plural */.LS)(lines.length - rows.length, 'device')}`);
    return `${title}\n\n${header}\n${rows.join('\n')}`;
}
/** `servers.csv:4`, when the step uploaded the file and the device came from one of its rows. */
function csvLine(view, line) {
    if (!view.file)
        return [];
    return [line === undefined ? '—' : `${escapeMarkdown(view.file, 200)}&#58;${line}`];
}
function tableRow(view, item) {
    const device = view.device(item);
    const step = device.step ? escapeMarkdown(device.step, 120) : '—';
    const time = device.timeSpentMs === undefined ? '—' : (0,duration/* formatDuration */.a)(device.timeSpentMs);
    const cells = [
        `❌ ${escapeMarkdown(device.label, 160)}`,
        escapeMarkdown(device.result ?? 'no result yet', 60),
        step,
        time
    ];
    return `| ${[...cells, ...csvLine(view, device.line)].join(' | ')} |`;
}
function rowOfFile(view, row) {
    return `| ${[`❔ ${escapeMarkdown(row.label, 160)}`, 'not in the job', '—', '—', ...csvLine(view, row.line)].join(' | ')} |`;
}
/** Successful devices: one collapsed, comma-separated list. */
function successList(view, budget) {
    const total = view.succeeded.length;
    if (total === 0)
        return '';
    const summary = `✅ ${(0,common_text/* plural */.LS)(total, 'device')} succeeded`;
    budget.force(collapsed(summary, ''));
    const names = takeWhile(budget, view.succeeded, item => `${escapeMarkdown(view.device(item).label, 160)}, `);
    const rest = total - names.length;
    if (rest > 0)
        budget.omit(`the addresses of ${(0,common_text/* plural */.LS)(rest, 'successful device')}`);
    const list = names.join('').replace(/, $/, '') + (rest > 0 ? ` … and ${rest.toLocaleString('en-US')} more` : '');
    return collapsed(summary, list);
}
function omissionNote(omitted) {
    if (omitted.length === 0)
        return '';
    return `> ℹ️ Shortened to stay within GitHub's 1 MiB summary limit: it leaves out ${omitted.join('; ')}. Every device is counted, and the whole job document is in the file named by the \`report\` output.`;
}

;// CONCATENATED MODULE: ./src/report/model/inventory-view.ts



function inventoryView(outcome, scrub, naming) {
    const { inventory } = outcome;
    if (!inventory)
        return undefined;
    const rowView = (managed) => {
        const { row } = managed;
        const entry = 'entry' in managed ? managed.entry : {};
        const identifier = scrub(row.identifiers[0] ?? '');
        const name = row.name === undefined ? undefined : scrub(row.name);
        const optional = (key, value) => (value === undefined ? {} : { [key]: scrub(value) });
        return {
            file: scrub(managed.path),
            line: row.line,
            identifier,
            ...(name ? { name } : {}),
            label: name && name !== identifier ? `${name} (${identifier})` : identifier,
            ...optional('accessState', entry.accessState),
            ...optional('uuid', entry.uuid),
            ...optional('inventoryName', entry.name),
            ...optional('serialNumber', entry.serialNumber),
            ...optional('machineType', entry.machineType),
            ...optional('type', entry.type)
        };
    };
    const uploaded = outcome.parts
        ? outcome.parts.reduce((sum, part) => sum + part.part.rows, 0)
        : (outcome.upload?.rows ?? outcome.jobs.reduce((sum, job) => sum + (job.source?.rows.length ?? 0), 0));
    const unconfirmed = outcome.jobs.reduce((sum, job) => sum + (job.seen?.assessment.devices.filter(item => item.device.jobResult !== undefined).length ?? 0), 0);
    const { problem } = inventory;
    const managedByJobs = outcome.jobs.reduce((sum, job) => sum + (job.seen?.assessment.succeeded ?? 0), 0) + unconfirmed;
    return {
        managedByJobs,
        skipped: inventory.skipped.map(rowView),
        notOnline: inventory.notOnline.map(rowView),
        wouldImport: (inventory.wouldImport ?? []).map(rowView),
        verified: inventory.verified,
        unconfirmed,
        checked: inventory.checked,
        verify: inventory.verify,
        planOnly: inventory.planOnly === true,
        // A validation uploads every row (the appliance checks the whole file),
        // so its plan takes the rows it would leave out from those it sent.
        ...(inventory.planOnly === true
            ? { rows: uploaded, uploaded: Math.max(0, uploaded - inventory.skipped.length - inventory.notOnline.length) }
            : { rows: inventory.skipped.length + inventory.notOnline.length + uploaded, uploaded }),
        ...(problem ? { problem: inventoryProblem(problem, naming), reason: scrub(problem.reason) } : {})
    };
}
/**
 * The inventory in one line: `1,000 servers: 412 already managed · 588
 * imported · all Online in the appliance's inventory`.
 */
function inventoryLine(view) {
    if (view.problem || view.planOnly)
        return undefined;
    const count = common_text/* thousands */.oh;
    const facts = [];
    if (view.skipped.length > 0 || view.notOnline.length > 0 || view.rows > view.uploaded) {
        if (view.skipped.length > 0 || view.notOnline.length === 0)
            facts.push(`${count(view.skipped.length)} already managed`);
        if (view.notOnline.length > 0)
            facts.push(`${count(view.notOnline.length)} managed here but not Online`);
    }
    if (facts.length === 0 && !view.checked)
        return undefined;
    facts.push(`${count(view.managedByJobs)} ${view.rows > 0 ? 'imported' : 'managed by the job'}`);
    if (view.checked && view.managedByJobs > 0) {
        facts.push(view.unconfirmed === 0
            ? `${view.managedByJobs === 1 ? 'Online' : 'all Online'} in the appliance's inventory`
            : `${count(view.unconfirmed)} of them not Online in the appliance's inventory`);
    }
    const what = view.rows > 0 ? (0,common_text/* plural */.LS)(view.rows, 'server') : (0,common_text/* plural */.LS)(view.managedByJobs, 'device');
    return `${what}: ${facts.join(' · ')}`;
}
/** The first line of a run that uploaded nothing: every row managed already, or an inventory it could not read. */
function inventoryHeadline(view, host) {
    if (view.problem)
        return `Nothing was uploaded to ${host}: ${view.problem.what}`;
    const servers = (0,common_text/* plural */.LS)(view.rows, 'server');
    if (view.notOnline.length === 0)
        return `${servers} on ${host}: all already managed here and Online, nothing to import`;
    return `${servers} on ${host}: ${view.skipped.length.toLocaleString('en-US')} already managed, ${view.notOnline.length.toLocaleString('en-US')} managed here but not Online; nothing uploaded`;
}
/**
 * The run's first line when its one job passed but rows the inventory lists
 * managed, not Online, failed the run: the job's own headline would say
 * "succeeded" over a red step. Undefined otherwise.
 */
function notReadyHeadline(view, runStatus, jobStatus, host) {
    if (view.planOnly || view.notOnline.length === 0)
        return undefined;
    if (outcome_status/* STATUSES */.f[runStatus].severity <= outcome_status/* STATUSES */.f[jobStatus].severity)
        return undefined;
    return `Not every server is ready on ${host}: ${(0,common_text/* plural */.LS)(view.notOnline.length, 'row')} managed here but not Online (not uploaded)`;
}
/** `3 rows managed here but not Online: rack1 (10.0.0.1) servers.csv:2 (Offline), …`, or nothing. */
function notOnlineSentence(view) {
    if (view.notOnline.length === 0 || view.planOnly)
        return undefined;
    const named = view.notOnline
        .slice(0, 3)
        .map(row => `${row.label} ${row.file}:${row.line} (${row.accessState ?? 'no access state'})`);
    const more = view.notOnline.length > 3 ? `, … +${view.notOnline.length - 3}` : '';
    return `${(0,common_text/* plural */.LS)(view.notOnline.length, 'row')} managed here but not Online, not uploaded: ${named.join(', ')}${more}`;
}

;// CONCATENATED MODULE: ./src/report/markdown/inventory-markdown.ts
// What the appliance's inventory said, in Markdown: the one line (`1,000
// servers: 412 already managed · 588 imported · all Online in the appliance's
// inventory`), the rows managed here but not Online, the plan of a
// validation, and the whole summary of a run that had nothing to upload or
// could not read the inventory.




/** Rows listed at most in the tables below; the devices-file output has every one. */
const MAX_ROWS = 200;
/** The line under the headline, when the inventory was asked. */
function inventoryNote(view) {
    const line = view.inventory && inventoryLine(view.inventory);
    return line ? `🗂️ ${escapeMarkdown(line, 600)}` : '';
}
/** The rows managed here but not Online: failed, not uploaded; and a validation's plan. */
function inventoryTables(view) {
    const inventory = view.inventory;
    if (!inventory)
        return '';
    const blocks = [];
    if (inventory.notOnline.length > 0) {
        const title = inventory.planOnly
            ? `#### Managed here, but not Online: a real run would fail ${(0,common_text/* plural */.LS)(inventory.notOnline.length, 'row')}`
            : `#### Managed here, but not Online (${(0,common_text/* plural */.LS)(inventory.notOnline.length, 'row')}, not uploaded)`;
        blocks.push(`${title}\n\n${rowsTable(inventory.notOnline, true)}`);
        blocks.push(notOnlineAdvice(inventory.notOnline));
    }
    if (inventory.planOnly)
        blocks.push(plan(inventory));
    return blocks.join('\n\n');
}
/** What to do: a stale entry is unmanaged; a Pending device is waited for. */
function notOnlineAdvice(rows) {
    const pending = rows.some(row => row.accessState?.toLowerCase() === 'pending');
    const other = rows.some(row => row.accessState?.toLowerCase() !== 'pending');
    const advice = [];
    if (other)
        advice.push('A device the appliance lists at the address of a new server is often a stale entry: unmanage it in XClarity Administrator, then run the step again.');
    if (pending)
        advice.push('A Pending device is still being brought under management: run the step again once it is Online.');
    return advice.join(' ');
}
function plan(inventory) {
    const lead = `**Plan:** ${(0,common_text/* plural */.LS)(inventory.skipped.length, 'row')} of ${inventory.rows.toLocaleString('en-US')} already managed here (a real run skips ${inventory.skipped.length === 1 ? 'it' : 'them'}); ${inventory.uploaded.toLocaleString('en-US')} would be imported.`;
    const lists = [];
    if (inventory.skipped.length > 0)
        lists.push(collapsed(`Rows already managed here (${inventory_markdown_count(inventory.skipped)})`, rowsTable(inventory.skipped, false)));
    if (inventory.wouldImport.length > 0)
        lists.push(collapsed(`Rows a real run would import (${inventory_markdown_count(inventory.wouldImport)})`, rowsTable(inventory.wouldImport, false)));
    return [lead, ...lists].join('\n\n');
}
const inventory_markdown_count = (rows) => rows.length.toLocaleString('en-US');
function rowsTable(rows, withState) {
    const shown = rows
        .slice(0, MAX_ROWS)
        .map(row => [
        escapeMarkdown(row.label, 160),
        ...(withState ? [escapeMarkdown(row.accessState ?? 'no access state', 40)] : []),
        `${escapeMarkdown(row.file, 200)}&#58;${row.line}`
    ]);
    const more = rows.length > shown.length ? `\n\n… and ${(rows.length - shown.length).toLocaleString('en-US')} more` : '';
    return `${table(['Device', ...(withState ? ['In the inventory'] : []), 'CSV line'], shown)}${more}`;
}
/** The whole summary when nothing was uploaded: every row managed already, or an inventory that could not be read. */
function renderInventoryOnlyMarkdown(view) {
    const inventory = view.inventory;
    const { icon } = outcome_status/* STATUSES */.f[view.status];
    if (inventory.problem) {
        const lines = [
            `### ${icon} ${escapeMarkdown(`Nothing was uploaded to ${view.host}: ${inventory.problem.what}`, 600)}`,
            `**Fix:** ${escapeMarkdown(inventory.problem.fix, 800)}`
        ];
        if (inventory.reason)
            lines.push(`> **Details:** ${escapeMarkdown(`${inventory.reason}.`, 2_000)}`);
        return lines.join('\n\n');
    }
    const all = inventory.notOnline.length === 0;
    const headline = all
        ? `${(0,common_text/* plural */.LS)(inventory.rows, 'server')} on ${view.host}: all already managed here and Online, nothing to import`
        : `${(0,common_text/* plural */.LS)(inventory.rows, 'server')} on ${view.host}: ${inventory.skipped.length.toLocaleString('en-US')} already managed, ${inventory.notOnline.length.toLocaleString('en-US')} managed here but not Online; nothing uploaded`;
    return [`### ${icon} ${escapeMarkdown(headline, 600)}`, inventoryTables(view)].filter(Boolean).join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/markdown/next-steps-markdown.ts

/** `withoutWait`: a single job's summary already says how to wait for it, with its snippet. */
function nextStepsMarkdown(next, withoutWait = false) {
    if (!next)
        return '';
    const items = [];
    if (next.wait && !withoutWait) {
        items.push(`${escapeMarkdown(next.wait.sentence, 600)}\n\n${indent(codeBlock(next.wait.snippet, next.wait.language))}`);
    }
    if (next.lookFor)
        items.push(escapeMarkdown(next.lookFor, 800));
    if (next.notUploaded)
        items.push(escapeMarkdown(next.notUploaded, 1_200));
    if (next.rest)
        items.push(escapeMarkdown(next.rest, 600));
    if (items.length === 0)
        return '';
    return ['#### What next', ...items.map((item, index) => `${index + 1}. ${item}`)].join('\n');
}
/** A block inside a list item (three spaces: under `1. `). */
function indent(block) {
    return block
        .split('\n')
        .map(line => `   ${line}`)
        .join('\n');
}

;// CONCATENATED MODULE: ./src/report/markdown/upload-markdown.ts
// The step summary of an upload that left no job to wait on: the CSV was
// validated (accepted or refused, with the appliance's words), or the import
// could not be started, or it is unknown whether it was.




/** The appliance's messages shown at most; the rest are counted. */
const MAX_MESSAGES = 50;
function renderUploadMarkdown(upload, host) {
    const lines = [`### ${outcome_status/* STATUSES */.f[upload.status].icon} ${escapeMarkdown(uploadHeadline(upload, host), 600)}`];
    const facts = [`**File** ${escapeMarkdown(upload.file, 200)}`, `**Devices** ${upload.rows.toLocaleString('en-US')}`];
    if (upload.validationOnly)
        facts.push('**Validation only:** nothing was imported');
    lines.push(facts.join(' · '));
    // The fix says what to do, once; the details say what happened.
    if (upload.problem)
        lines.push(`**Fix:** ${escapeMarkdown(upload.problem.fix, 600)}`);
    if (upload.reason)
        lines.push(`> **Details:** ${escapeMarkdown(upload.reason, 2_000)}`);
    if (upload.messages.length > 0) {
        const shown = upload.messages.slice(0, MAX_MESSAGES).map(message => `- ${escapeMarkdown(message, 1_000)}`);
        const more = upload.messages.length - shown.length;
        if (more > 0)
            shown.push(`- … and ${(0,common_text/* plural */.LS)(more, 'more message')}`);
        lines.push(`#### What the appliance said\n\n${shown.join('\n')}`);
    }
    return lines.join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/model/parts-wording.ts
// What the reports say of an import in several parts, as plain text: its
// headline, and why each part did not pass (or was never uploaded).




/** A few words on why a part did not pass, or was never uploaded. */
function partWhy(part) {
    // The causes are said once, across the parts: a part's row keeps only its counts.
    if (part.jobView)
        return partCounts(part.jobView) || '—';
    if (part.upload)
        return uploadWhy(part.upload);
    if (part.notUploaded === 'deadline')
        return 'the timeout came first';
    if (part.notUploaded === 'unfinished')
        return 'the job before it never reported 100%';
    return 'an earlier part stopped the import';
}
/**
 * The first line of an import in several parts: `1,000 servers in 4 LXCA jobs
 * on host: 7 failed · 52m`; for validation, `1 of 4 parts refused by host`.
 */
function partsHeadline(view, parts) {
    const servers = (0,common_text/* plural */.LS)(parts.reduce((sum, part) => sum + part.rows, 0), 'server');
    const elapsed = (0,duration/* formatDuration */.a)(parts.reduce((sum, part) => sum + (part.jobView?.elapsedMs ?? 0) + (part.upload?.elapsedMs ?? 0), 0));
    if (parts.every(part => part.upload?.validationOnly)) {
        const refused = parts.filter(part => part.status !== 'success');
        if (refused.length === 0)
            return `${servers} in ${parts.length} parts are valid on ${view.host} · ${elapsed}`;
        return `${refused.length} of ${parts.length} parts (${servers}) not valid on ${view.host} · ${elapsed}`;
    }
    const jobs = parts.filter(part => part.jobView).length;
    const facts = [];
    const across = view.across;
    // Said apart, as the outputs count them: failed counts devices of a job; a row in no job is not one.
    const failed = across?.failed.length ?? 0;
    const missing = across?.notInJob.length ?? 0;
    if (failed > 0)
        facts.push(`${count(failed)} failed`);
    if (missing > 0)
        facts.push(`${count(missing)} not in a job`);
    const stopped = parts.find(part => part.status !== undefined && !['success', 'failure', 'partial'].includes(part.status));
    if (stopped?.status)
        facts.push(`part ${stopped.index} ${partVerb(stopped)}`);
    const left = parts.filter(part => part.notUploaded).length;
    if (left > 0)
        facts.push(`${(0,common_text/* plural */.LS)(left, 'part')} not uploaded`);
    if (view.excuse)
        facts.push(`${allowanceWords(view.excuse, view.naming, true)}: the step passes`);
    else if (view.overAllowance)
        facts.push(allowanceWords(view.overAllowance, view.naming, false));
    if (facts.length === 0)
        facts.push('all managed');
    return `${servers} in ${(0,common_text/* plural */.LS)(jobs, 'LXCA job')} on ${view.host}: ${facts.join(', ')} · ${elapsed}`;
}
/** A few words on an upload that started no job, for the parts table. */
function uploadWhy(upload) {
    if (upload.status === 'success')
        return upload.validationOnly ? 'valid' : '—';
    if (upload.status === 'failure')
        return `refused: ${(0,common_text/* plural */.LS)(upload.messages.length, 'problem')}`;
    if (upload.status === 'cancelled')
        return 'cancelled while uploading';
    const what = upload.problem?.what ?? 'the outcome is unknown';
    if (upload.probablyStarted)
        return `probably started: ${what}`;
    return upload.mayHaveStarted ? `may have started: ${what}` : `nothing imported: ${what}`;
}
/** `12 failed, 2 not in the job` for a finished part; a timeout or an error says why. */
function partCounts(view) {
    if (view.status !== 'failure' && view.status !== 'partial')
        return why(view);
    const counts = [
        view.failed.length > 0 ? `${count(view.failed.length)} failed` : '',
        view.notInJob.length > 0 ? `${count(view.notInJob.length)} not in the job` : ''
    ];
    return counts.filter(Boolean).join(', ');
}
/**
 * How a part ended, in the words of the parts table: an upload the appliance
 * definitely refused (HTTP 400, 401…: nothing was imported) is "refused",
 * never "could not be checked"; otherwise the status's own verb.
 */
function partVerb(part) {
    if (!part.status)
        return 'not uploaded';
    const upload = part.jobView ? undefined : part.upload;
    if (upload?.status === 'error' && !upload.mayHaveStarted && !upload.probablyStarted)
        return 'refused';
    return outcome_status/* STATUSES */.f[part.status].verb;
}

;// CONCATENATED MODULE: ./src/report/markdown/parts-markdown.ts
// The step summary of an import in several parts: one headline for all of
// them, a table of the parts (file, lines, job, outcome, why), the failures
// by cause across every part, then each part that did not pass, as for
// several jobs; those that passed, collapsed. The parts share the budget.











function renderPartsMarkdown(view, parts, budgetBytes) {
    const icon = outcome_status/* STATUSES */.f[view.status].icon;
    const head = [
        `## ${icon} ${escapeMarkdown(partsHeadline(view, parts), 600)}`,
        partsTable(view, parts)
    ].join('\n\n');
    // What comes before the parts, said once: the inventory, what to do next, the rows managed but not Online.
    const next = [inventoryNote(view), nextStepsMarkdown(view.next), inventoryTables(view)].filter(Boolean).join('\n\n');
    const budget = new Budget(budgetBytes - byteLength(head) - byteLength(next));
    // The causes and their trees, once for every part: each part below keeps its devices and CSV lines.
    const across = view.across
        ? [causesTable(view.across, budget, 'Failures by cause, across all parts'), causeTrees(view.across, budget)]
            .filter(Boolean)
            .join('\n\n')
        : '';
    const failing = parts.filter(part => (part.status !== undefined && !outcome_status/* STATUSES */.f[part.status].passes) || (part.upload && part.upload.status !== 'success'));
    const passed = parts.filter(part => part.jobView && outcome_status/* STATUSES */.f[part.jobView.status].passes);
    const share = shareOf(budgetBytes, byteLength(head) + byteLength(next) + byteLength(across), parts.length);
    const jobOptions = (part) => ({
        baseUrl: view.baseUrl,
        note: placeNote(part),
        nextStepsElsewhere: true,
        causesElsewhere: view.across !== undefined
    });
    const shown = failing.map(part => part.jobView
        ? renderJobMarkdown(part.jobView, share, jobOptions(part))
        : renderUploadMarkdown(part.upload, view.host));
    if (passed.length > 0) {
        const rendered = passed.map(part => renderJobMarkdown(part.jobView, share, jobOptions(part)));
        shown.push(collapsed(`✅ ${(0,common_text/* plural */.LS)(passed.length, 'part')} passed`, rendered.join('\n\n')));
    }
    return [head, next, across, ...shown].filter(Boolean).join('\n\n');
}
/** Where a job's part is: `Part 2 of 4 · servers.csv lines 302–601`. */
function placeNote(part) {
    return `📄 Part ${part.index} of ${part.count} · ${escapeMarkdown(part.file, 200)} lines ${part.lines}`;
}
function partsTable(view, parts) {
    const rows = parts.map(part => [
        String(part.index),
        escapeMarkdown(part.file, 200),
        part.lines,
        part.rows.toLocaleString('en-US'),
        part.job ? `[${escapeMarkdown(part.job.id, 140)}](${(0,job_ref/* jobUrl */.Ne)(view.baseUrl, part.job).href})` : '—',
        part.status ? `${outcome_status/* STATUSES */.f[part.status].icon} ${partVerb(part)}` : '⏭️ not uploaded',
        escapeMarkdown(partWhy(part), 200)
    ]);
    return table(['Part', 'File', 'Lines', 'Devices', 'Job', 'Outcome', 'Why'], rows, [
        '--:',
        '---',
        '---',
        '--:',
        '---',
        '---',
        '---'
    ]);
}

;// CONCATENATED MODULE: ./src/report/markdown/gate-markdown.ts
// The step summary: one job's part, or for several jobs a headline that
// counts the outcomes, a table of the jobs, the parts of the jobs that did
// not pass (failures first), and the successful ones collapsed. The jobs
// share the size budget, so the whole stays under GitHub's limit.













function renderGateMarkdown(view, budgetBytes = SUMMARY_BUDGET_BYTES) {
    const footer = renderFooter(view);
    // The footer, and the blank line before it and the line end after it.
    const room = budgetBytes - byteLength(footer) - 2 * SEPARATOR_BYTES;
    if (view.parts)
        return `${renderPartsMarkdown(view, view.parts, room)}\n\n${footer}\n`;
    // Nothing uploaded: every row managed already, or an inventory that could not be read.
    if (view.jobs.length === 0 && !view.upload && view.inventory)
        return `${renderInventoryOnlyMarkdown(view)}\n\n${footer}\n`;
    // An upload that left no job to wait on (validation only, or no import started).
    if (view.jobs.length === 0 && view.upload) {
        const blocks = [renderUploadMarkdown(view.upload, view.host), inventoryNote(view), inventoryTables(view), footer];
        return `${blocks.filter(Boolean).join('\n\n')}\n`;
    }
    const uploaded = view.upload && uploadLine(view.upload);
    if (view.jobs.length === 1) {
        // A passing job in a failing run (rows managed here but not Online): the run's verdict comes first.
        const ahead = view.inventory && notReadyHeadline(view.inventory, view.status, view.jobs[0].status, view.host);
        const first = ahead ? `### ${outcome_status/* STATUSES */.f[view.status].icon} ${escapeMarkdown(ahead, 600)}\n\n` : '';
        const notes = [uploaded ? `📤 ${escapeMarkdown(uploaded, 600)}` : '', inventoryNote(view), inventoryTables(view)];
        const next = nextStepsMarkdown(view.next, true);
        const options = {
            baseUrl: view.baseUrl,
            host: view.host,
            footer: [next, footer].filter(Boolean).join('\n\n'),
            note: notes.filter(Boolean).join('\n\n') || undefined
        };
        return `${first}${renderJobMarkdown(view.jobs[0], room - byteLength(first), options)}\n`;
    }
    const statuses = view.jobs.map(job => job.status);
    const elapsed = Math.max(...view.jobs.map(job => job.elapsedMs));
    const head = [
        `## ${gateIcon(statuses)} ${escapeMarkdown(gateHeadline(view.jobs, view.host), 400)} · ${(0,duration/* formatDuration */.a)(elapsed)}`,
        inventoryNote(view),
        jobsTable(view)
    ]
        .filter(Boolean)
        .join('\n\n');
    const failing = view.jobs.filter(job => job.status !== 'success');
    const passed = view.jobs.filter(job => job.status === 'success');
    // An equal share each; a part that needs less leaves its share unused, which keeps the arithmetic simple and safe.
    const share = shareOf(budgetBytes, byteLength(head) + byteLength(footer), view.jobs.length);
    const parts = failing.map(job => renderJobMarkdown(job, share, { baseUrl: view.baseUrl }));
    if (passed.length > 0) {
        const devices = passed.reduce((sum, job) => sum + job.total, 0);
        const summary = `✅ ${(0,common_text/* plural */.LS)(passed.length, 'job')} succeeded (${(0,common_text/* plural */.LS)(devices, 'device')})`;
        const rendered = passed.map(job => renderJobMarkdown(job, share, { baseUrl: view.baseUrl }));
        parts.push(collapsed(summary, rendered.join('\n\n')));
    }
    return `${[head, ...parts, footer].join('\n\n')}\n`;
}
/** Every job on the first screen: its link, its outcome, its counts, and why it did not pass. */
function jobsTable(view) {
    const rows = view.jobs.map(job => [
        `[${escapeMarkdown(job.job.id, 140)}](${(0,job_ref/* jobUrl */.Ne)(view.baseUrl, job.job).href})`,
        outcomeWords(job.status),
        job.seen ? job.total.toLocaleString('en-US') : '—',
        job.seen ? job.failed.length.toLocaleString('en-US') : '—',
        job.seen ? job.pending.length.toLocaleString('en-US') : '—',
        escapeMarkdown(why(job), 200)
    ]);
    const header = ['Job', 'Outcome', 'Devices', 'Failed', 'Not finished', 'Why'];
    return table(header, rows, ['---', '---', '--:', '--:', '--:', '---']);
}
/** Links built from the validated host and job IDs only: no server text ever reaches a link. */
function renderFooter(view) {
    const appliance = `Open [XClarity Administrator](${view.baseUrl.href}) › Monitoring › Jobs to follow a job`;
    // No job (a validation, an upload that started none, nothing to upload): nothing to follow.
    if (view.jobs.length === 0)
        return `---\n<sub>[XClarity Administrator](${view.baseUrl.href})</sub>`;
    const api = view.jobs
        .map(job => `[${escapeMarkdown(job.job.id, 140)}](${(0,job_ref/* jobUrl */.Ne)(view.baseUrl, job.job).href})`)
        .join(' · ');
    const report = view.jobs.some(job => job.reported)
        ? ' · Keep the `report` output file (actions/upload-artifact) for the whole last document'
        : '';
    return [
        '---',
        `<sub>${appliance} · Job ${view.jobs.length === 1 ? 'document' : 'documents'} (API): ${api}${report}</sub>`
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/model/step-view.ts

/** LXCA's state names made readable: `Stopped_With_Error` → `stopped with error`. */
function stateWords(state) {
    return state ? state.replace(/_/g, ' ').toLowerCase() : 'no state';
}
/**
 * The tree of `item`. `finished`: the job (or the device) is done, so no step
 * is still at work whatever it says.
 */
function stepTree(item, finished) {
    const path = new Set(item.stepPath);
    const deepest = item.stepPath[item.stepPath.length - 1];
    const stopped = item.state === 'failed' && deepest !== undefined;
    const failedHere = stopped && (0,verdict/* isFailedState */.tu)(deepest.state);
    let afterFailure = false;
    const showOf = (node) => {
        const state = node.state?.toLowerCase();
        if (failedHere && path.has(node))
            return node === deepest ? 'failed-here' : 'failed';
        if (node === deepest && (stopped || (item.state === 'pending' && !finished)))
            return 'current';
        if (state === 'complete')
            return 'complete';
        if (afterFailure)
            return 'not-run';
        if (state === 'running' || state === 'pending') {
            if (finished)
                return 'unreported';
            return state === 'running' ? 'running' : 'pending';
        }
        return 'other';
    };
    const visit = (node) => {
        const show = showOf(node);
        // What a failed device did not finish after the step it stopped at did not run.
        if (node === deepest && stopped)
            afterFailure = true;
        return {
            label: node.label,
            show,
            words: wordsOf(show, node),
            percentage: show === 'running' || show === 'current' ? node.percentage : undefined,
            detail: show === 'failed-here' || show === 'current' ? node.longDescription : undefined,
            children: node.children.map(visit)
        };
    };
    return item.device.steps.map(visit);
}
function wordsOf(show, node) {
    switch (show) {
        case 'not-run':
            return 'not run';
        case 'unreported':
            return 'no final state';
        default:
            return stateWords(node.state);
    }
}

;// CONCATENATED MODULE: ./src/report/model/device-view.ts


/**
 * A deploy may go on to it: the job managed it and, when verify-inventory
 * was asked, the appliance's inventory confirmed it (a device the inventory
 * could not be asked about is not ready, whatever the job says).
 */
function isReady(device, verify) {
    return device.state === 'succeeded' && (!verify || device.confirmed);
}
/** `name (address)`, as people know the server; the address alone when there is no other name. */
function labelOf(name, address) {
    return name && name !== address ? `${name} (${address})` : address;
}
function rowView(row, scrub) {
    const identifier = scrub(row.identifiers[0]);
    const name = row.name === undefined ? undefined : scrub(row.name);
    return { line: row.line, identifier, ...(name !== undefined ? { name } : {}), label: labelOf(name, identifier) };
}
function deviceView(item, jobDone, scrub, row) {
    const { device } = item;
    const optional = (value) => (value === undefined ? undefined : scrub(value));
    const step = item.state === 'succeeded' ? '' : (0,verdict/* stepPathLabel */.o2)(item.stepPath);
    const address = scrub(device.address);
    const name = row?.name === undefined ? undefined : scrub(row.name);
    return {
        state: item.state,
        address,
        ...(name !== undefined ? { name } : {}),
        ...(row ? { line: row.line } : {}),
        label: labelOf(name, address),
        uuid: optional(device.uuid),
        result: optional(device.result),
        step: step ? scrub(step) : undefined,
        timeSpentMs: device.timeSpentMs,
        description: optional(device.longDescription),
        userAction: optional((0,verdict/* userActionOf */.Ru)(item)),
        ...(device.inventory ? { inventory: inventoryFacts(device.inventory, scrub) } : {}),
        confirmed: device.confirmed === true,
        tree: () => scrubTree(stepTree(item, jobDone || device.done), scrub)
    };
}
function inventoryFacts(entry, scrub) {
    const facts = {};
    for (const key of ['uuid', 'name', 'serialNumber', 'machineType', 'type', 'accessState']) {
        const value = entry[key];
        if (value !== undefined)
            facts[key] = scrub(value);
    }
    return facts;
}
function scrubTree(steps, scrub) {
    return steps.map(step => ({
        ...step,
        label: scrub(step.label),
        words: scrub(step.words),
        detail: step.detail === undefined ? undefined : scrub(step.detail),
        children: scrubTree(step.children, scrub)
    }));
}

;// CONCATENATED MODULE: ./src/report/github/outputs.ts
// What the run page and later steps get besides the summary: the one-line
// outcome message and the step outputs (annotations are annotations.ts's,
// the files report/files/'s), all drawn from the same view as the summary
// (so scrubbed of secrets). Pure. With several jobs, outputs add up across
// jobs and failed devices name their job; with one job they are exactly as
// for one job.








const MAX_FAILED_DEVICES_OUTPUT = 50;
const MESSAGE_CAUSES = 2;
/** The run page shows the message in full: it says the gist, the summary says the rest. */
const MAX_MESSAGE = 300;
/** One line that says what happened to one job. `named` puts the job first (several jobs). */
function outcomeMessage(view, named = false) {
    const prefix = named ? `LXCA job ${view.job.id}: ` : '';
    switch (view.status) {
        case 'success':
            return `${prefix}${headline(view)}.`;
        case 'failure':
        case 'partial': {
            const listed = view.causes.slice(0, MESSAGE_CAUSES).map(cause => describeCause(view, cause));
            const more = view.causes.length > MESSAGE_CAUSES ? `; and ${(0,common_text/* plural */.LS)(view.causes.length - MESSAGE_CAUSES, 'more cause')}` : '';
            const missing = view.notInJob.length > 0 ? [notInJobText(view)] : [];
            const lead = view.status === 'partial' ? headline(view) : failedCount(view);
            return (0,common_text/* singleLine */.pF)(`${prefix}${lead}: ${[...listed, ...missing].join('; ')}${more}`, 3000);
        }
        case 'error':
            return (0,common_text/* singleLine */.pF)(`Could not check LXCA job ${view.job.id}: ${errorWhy(view)}. ${view.problem?.fix ?? ''}`, 3000);
        case 'timeout':
        case 'cancelled':
            return (0,common_text/* singleLine */.pF)(`${headline(view)}. ${keepsRunning(view) ?? ''}`, 3000);
    }
}
/** `rack1 (10.0.0.1, servers.csv:2) OTHER_FAIL at Login`, or `12 devices OTHER_FAIL at Login (…, … +10)`. */
function describeCause(view, cause) {
    const at = cause.step ? ` at ${cause.step}` : '';
    const [first] = cause.devices;
    if (cause.devices.length === 1)
        return `${placeOf(view, view.device(first))} ${cause.result}${at}`;
    const named = cause.devices.slice(0, 2).map(item => placeOf(view, view.device(item)));
    const rest = cause.devices.length - named.length;
    return `${cause.devices.length} devices ${cause.result}${at} (${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''})`;
}
/** `2 servers of servers.csv are not in the job: rack1 (10.0.0.1) servers.csv:2, …`. */
/** What went wrong; with the particular reason when what went wrong is generic (an answer not understood). */
function errorWhy({ problem, reason }) {
    if (!problem)
        return (0,common_text/* clause */.sb)(reason ?? 'unknown');
    return problem.withReason && reason ? `${(0,common_text/* clause */.sb)(problem.what)}: ${(0,common_text/* clause */.sb)(reason)}` : (0,common_text/* clause */.sb)(problem.what);
}
function notInJobText(view) {
    const named = view.notInJob.slice(0, 3).map(row => placeOf(view, row));
    const rest = view.notInJob.length - named.length;
    return `${(0,common_text/* plural */.LS)(view.notInJob.length, 'server')} of the CSV not in the job (${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''})`;
}
/** The one line for the whole step: the upload's, the job's, or every unsuccessful job's. */
function gateMessage(view) {
    return (0,common_text/* singleLine */.pF)(fullMessage(view), MAX_MESSAGE - 1);
}
function fullMessage(view) {
    const message = jobsMessage(view);
    const { inventory } = view;
    if (!inventory || (view.jobs.length === 0 && !view.upload && !view.parts))
        return message;
    // What the inventory added: the rows it left out, and what it did not confirm.
    const notOnline = notOnlineSentence(inventory);
    const line = inventory.skipped.length > 0 || inventory.unconfirmed > 0 ? inventoryLine(inventory) : undefined;
    const added = [line, notOnline].filter(Boolean);
    if (added.length === 0)
        return message;
    // The job passed and the rows failed the run: what failed it comes first.
    const first = view.jobs.length === 1 && notReadyHeadline(inventory, view.status, view.jobs[0].status, view.host);
    if (first && notOnline)
        return (0,common_text/* singleLine */.pF)(`${notOnline}. | ${message}`, 4000);
    return (0,common_text/* singleLine */.pF)(`${message} | ${added.join('; ')}.`, 4000);
}
function jobsMessage(view) {
    const { jobs } = view;
    if (jobs.length === 0 && !view.upload && !view.parts && view.inventory) {
        const { inventory } = view;
        const fix = inventory.problem ? ` ${inventory.problem.fix}` : '';
        return (0,common_text/* singleLine */.pF)(`${inventoryHeadline(inventory, view.host)}.${fix}`, 3000);
    }
    if (view.parts) {
        // The gist: the headline, the largest cause across the parts, and the first part that stopped the rest.
        const [largest] = view.across?.causes ?? [];
        const cause = largest && view.across ? [`Largest cause: ${describeCause(view.across, largest)}.`] : [];
        const stopped = view.parts.find(part => part.status !== undefined && !outcome_status/* STATUSES */.f[part.status].passes && !part.jobView?.causes.length);
        const stop = stopped ? [`Part ${stopped.index}: ${partWhy(stopped)}.`] : [];
        return (0,common_text/* singleLine */.pF)([`${partsHeadline(view, view.parts)}.`, ...cause, ...stop].join(' '), 4000);
    }
    if (jobs.length === 0 && view.upload)
        return uploadMessage(view.upload, view.host);
    if (jobs.length === 1)
        return outcomeMessage(jobs[0]);
    if (view.status === 'success') {
        const devices = jobs.reduce((sum, job) => sum + job.total, 0);
        return `All ${jobs.length} LXCA jobs succeeded: ${(0,common_text/* plural */.LS)(devices, 'device')} managed.`;
    }
    const bad = jobs.filter(job => job.status !== 'success');
    const messages = bad.map(job => outcomeMessage(job, true)).join(' | ');
    return (0,common_text/* singleLine */.pF)(`${gateHeadline(jobs, view.host)}. ${messages}`, 4000);
}
function uploadMessage(upload, host) {
    const headline = uploadHeadline(upload, host);
    if (upload.status === 'success')
        return `${headline}.`;
    // The gist and the one fix: the appliance's words and the details are in the summary.
    const said = upload.messages.length > 0 ? ` The appliance said: ${upload.messages.slice(0, 2).join(' ')}` : '';
    return (0,common_text/* singleLine */.pF)(`${headline}. ${upload.problem?.fix ?? ''}${said}`, 3000);
}
function buildOutputs(view, files) {
    const several = view.jobs.length > 1;
    const seen = view.jobs.filter(job => job.seen);
    const sum = (count) => seen.length > 0 ? String(seen.reduce((total, job) => total + count(job), 0)) : '';
    const progresses = seen.map(job => job.progress).filter((p) => p !== undefined);
    const firstBad = seen.flatMap(job => [...job.failed, ...job.pending].slice(0, 1).map(item => job.device(item)))[0];
    // Only the first ones are output: the others are never described (a job may fail 100,000 devices).
    const failedDevices = view.jobs
        .flatMap(job => job.failed.map(item => ({ job, item })))
        .slice(0, MAX_FAILED_DEVICES_OUTPUT)
        .map(({ job, item }) => ({ ...(several ? { job: job.job.id } : {}), ...failedDevice(job, item) }));
    return {
        [input_output_names/* Output */.k7.Status]: view.status,
        // The jobs waited on, in the order they were started (or named), as the output said while they ran.
        [input_output_names/* Output */.k7.JobId]: view.jobOrder.length > 0 ? view.jobOrder.map(job => job.id).join(',') : (view.upload?.job?.id ?? ''),
        [input_output_names/* Output */.k7.Result]: view.status === 'success' ? 'SUCCESS' : (0,common_text/* singleLine */.pF)(firstBad?.result ?? '', 100),
        // With several jobs, the mean of their progress: 100 only when every job is done.
        [input_output_names/* Output */.k7.Progress]: progresses.length === 0
            ? ''
            : String(Math.round((progresses.reduce((a, b) => a + b, 0) / progresses.length) * 100) / 100),
        [input_output_names/* Output */.k7.Devices]: sum(job => job.total),
        [input_output_names/* Output */.k7.Succeeded]: sum(job => job.succeeded.length),
        [input_output_names/* Output */.k7.Failed]: sum(job => job.failed.length),
        [input_output_names/* Output */.k7.FailedDevices]: JSON.stringify(failedDevices),
        [input_output_names/* Output */.k7.Report]: files.report ?? '',
        [input_output_names/* Output */.k7.SummaryFile]: files.summaryFile ?? '',
        [input_output_names/* Output */.k7.FailedCsv]: files.failedCsv ?? '',
        [input_output_names/* Output */.k7.SucceededDevices]: succeededDevices(view),
        [input_output_names/* Output */.k7.DevicesFile]: files.devicesFile ?? '',
        [input_output_names/* Output */.k7.JunitFile]: files.junitFile ?? '',
        [input_output_names/* Output */.k7.AlreadyManaged]: view.inventory && !view.inventory.problem ? String(view.inventory.skipped.length) : ''
    };
}
function failedDevice(job, item) {
    const device = job.device(item);
    return {
        device: (0,common_text/* singleLine */.pF)(device.address, 200),
        ...(device.name !== undefined ? { name: (0,common_text/* singleLine */.pF)(device.name, 200) } : {}),
        ...(device.line !== undefined ? { line: device.line } : {}),
        uuid: (0,common_text/* singleLine */.pF)(device.uuid ?? '', 100),
        result: (0,common_text/* singleLine */.pF)(device.result ?? '', 100),
        step: (0,common_text/* singleLine */.pF)(device.step ?? '', 300),
        message: (0,common_text/* singleLine */.pF)(device.userAction ?? device.description ?? '', 500)
    };
}
/** succeeded-devices lists at most this many (an output is meant to be small); devices-file has them all. */
const MAX_SUCCEEDED_OUTPUT = 1_000;
/** The succeeded-devices output: `[{"device":"10.240.9.11","name":"rack12-node1","line":2}]`, the first 1,000. */
function succeededDevices(view) {
    const listed = [];
    const verify = view.inventory?.verify === true;
    for (const job of view.jobs) {
        for (const item of job.succeeded) {
            if (listed.length >= MAX_SUCCEEDED_OUTPUT)
                return JSON.stringify(listed);
            const device = job.device(item);
            // Ready only: the job's word, and the inventory's when it was asked.
            if (!isReady(device, verify))
                continue;
            listed.push({
                device: device.address,
                ...(device.name !== undefined ? { name: device.name } : {}),
                ...(device.line !== undefined ? { line: device.line } : {})
            });
        }
    }
    // Rows left out because the appliance manages them already, Online: as ready as those just imported.
    const managed = view.inventory && !view.inventory.planOnly ? view.inventory.skipped : [];
    for (const row of managed) {
        if (listed.length >= MAX_SUCCEEDED_OUTPUT)
            break;
        listed.push({
            device: row.identifier,
            ...(row.name ? { name: row.name } : {}),
            line: row.line,
            alreadyManaged: true
        });
    }
    return JSON.stringify(listed);
}

;// CONCATENATED MODULE: ./src/report/github/annotations.ts
// Annotations on the run page and on the files of the commit: with the CSV
// this step uploaded, one per cause on the file itself (at the first row of
// that cause, listing its other lines), so failures show where people edit;
// otherwise one per cause too, naming its devices. GitHub keeps 10 of one kind per step, and
// the outcome's message takes one: at most nine, the ninth summing up the rest.



const MAX_ANNOTATIONS = 9;
/** Lines listed in an annotation after its own. */
const MAX_LINES = 10;
/** Devices named in an annotation after its own, when there is no CSV line to point at. */
const MAX_NAMED = 10;
function annotations(view) {
    const several = view.jobs.length > 1;
    // Parts of CSVs: one annotation per cause across every part (a cause that two parts share is one).
    const across = view.parts && view.jobs.every(job => job.file) ? view.across : undefined;
    const all = [
        ...(across
            ? acrossAnnotations(view.jobs, across)
            : view.jobs.flatMap(job => (job.file ? rowAnnotations(job, several) : deviceAnnotations(job, several)))),
        ...notOnlineAnnotations(view)
    ].sort((a, b) => b.devices - a.devices); // the largest first: it must not be the one left out
    if (all.length <= MAX_ANNOTATIONS)
        return all;
    const kept = all.slice(0, MAX_ANNOTATIONS - 1);
    const left = all.slice(kept.length);
    const devices = left.reduce((sum, annotation) => sum + annotation.devices, 0);
    const causes = left.length === devices ? '' : ` (${(0,common_text/* plural */.LS)(left.length, 'more cause')})`;
    return [
        ...kept,
        {
            title: `${(0,common_text/* plural */.LS)(devices, 'more device')} failed`,
            message: `${(0,common_text/* plural */.LS)(devices, 'more device')} failed${causes}; the step summary lists them, the devices-file output has every device, and the failed-devices output the first ${MAX_FAILED_DEVICES_OUTPUT}.`,
            devices
        }
    ];
}
/** Per cause across the parts' jobs, on the file of its first row; and one for the rows no job listed. */
function acrossAnnotations(jobs, across) {
    const owner = new Map();
    for (const job of jobs)
        for (const item of job.failed)
            owner.set(item, job);
    const causes = across.causes.map(cause => {
        const placed = cause.devices
            .map(item => ({ job: owner.get(item) ?? across, device: across.device(item) }))
            .filter(({ device }) => device.line !== undefined);
        const [first] = placed;
        if (!first)
            return causeAnnotation(across, cause, '', across.file);
        const file = first.job.file;
        const inFile = placed
            .filter(({ job }) => job.file === file)
            .sort((a, b) => (a.device.line ?? 0) - (b.device.line ?? 0));
        const others = placed.length - inFile.length;
        const elsewhere = others > 0 ? ` And ${(0,common_text/* plural */.LS)(others, 'row')} of other files.` : '';
        return causeAnnotation(first.job, cause, '', file, inFile.map(({ device }) => device), elsewhere);
    });
    const missing = jobs.flatMap(job => job.notInJob.length > 0 ? [notInJobAnnotation(job, '', job.file)] : []);
    return [...causes, ...missing];
}
/** One annotation on the first row managed here but not Online, listing the others of its file. */
function notOnlineAnnotations(view) {
    const rows = view.inventory && !view.inventory.planOnly ? view.inventory.notOnline : [];
    const [first, ...others] = rows;
    if (!first)
        return [];
    const also = alsoLines(others.filter(row => row.file === first.file).map(row => row.line));
    return [
        {
            title: 'Managed here but not Online',
            message: (0,common_text/* singleLine */.pF)(`${first.label} ${first.file}:${first.line} is managed by this appliance, but it lists it ${first.accessState ?? 'without an access state'}: a stale entry at this address? Unmanage it, then run the step again.${also}`, 4000),
            file: first.file,
            line: first.line,
            devices: rows.length
        }
    ];
}
/** Without a CSV of this step's: one per cause, naming its first devices (a cause of 30 devices is one annotation). */
function deviceAnnotations(job, several) {
    return job.causes.map(cause => {
        const [first, ...others] = cause.devices.map(item => failedDevice(job, item));
        const at = cause.step ? ` at ${cause.step}` : '';
        const count = cause.devices.length > 1 ? ` (${(0,common_text/* plural */.LS)(cause.devices.length, 'device')})` : '';
        const named = others.slice(0, MAX_NAMED).map(info => info.device);
        const rest = others.length - named.length;
        const also = named.length > 0 ? ` Also ${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''}.` : '';
        return {
            title: (0,common_text/* singleLine */.pF)(`${several ? `Job ${job.job.id}: ` : ''}${cause.result}${at}${count}`, 200),
            message: (0,common_text/* singleLine */.pF)(`${first.device} ${cause.result}${at}${first.message ? `. ${first.message}` : ''}${also}`, 4000),
            devices: cause.devices.length
        };
    });
}
/** One per cause, and one for the rows the job does not list, on the CSV's lines. */
function rowAnnotations(job, several) {
    const prefix = several ? `Job ${job.job.id}: ` : '';
    const file = job.file;
    const causes = job.causes.map(cause => causeAnnotation(job, cause, prefix, file));
    return job.notInJob.length === 0 ? causes : [...causes, notInJobAnnotation(job, prefix, file)];
}
function notInJobAnnotation(job, prefix, file) {
    const [first, ...others] = job.notInJob;
    return {
        title: (0,common_text/* singleLine */.pF)(`${prefix}not in the job`, 200),
        message: (0,common_text/* singleLine */.pF)(`${placeOf(job, first)} is not in the job: LXCA did not list it, so it was not managed.${alsoLines(others.map(row => row.line))}`, 4000),
        file,
        line: first.line,
        devices: job.notInJob.length
    };
}
/** `rows`: the cause's devices on `file`, when they are not all the job's own (a cause across parts). */
function causeAnnotation(job, cause, prefix, file, rows, elsewhere = '') {
    const devices = rows ?? cause.devices.map(item => job.device(item));
    const placed = devices.filter(device => device.line !== undefined).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = placed[0] ?? devices[0];
    const at = cause.step ? ` at ${cause.step}` : '';
    // The first row's own words (a cause's action may be a template with placeholders).
    const said = first.userAction ?? cause.userAction;
    const action = said ? `: ${said}` : '';
    const hint = cause.hint;
    const unplaced = devices.length - placed.length;
    const also = alsoLines(placed.slice(1).map(device => device.line));
    const loose = unplaced > (placed.length > 0 ? 0 : 1) ? ` ${(0,common_text/* plural */.LS)(unplaced, 'device')} match no row of the file.` : '';
    const count = cause.devices.length > 1 ? ` (${(0,common_text/* plural */.LS)(cause.devices.length, 'device')})` : '';
    return {
        title: (0,common_text/* singleLine */.pF)(`${prefix}${cause.result}${at}${count}`, 200),
        message: (0,common_text/* singleLine */.pF)(`${placeOf(job, first)} ${cause.result}${at}${action}${hint ? ` ${hint}` : ''}${also}${loose}${elsewhere}`, 4000),
        file,
        ...(first.line !== undefined ? { line: first.line } : {}),
        devices: cause.devices.length
    };
}
/** ` Also lines 17, 23, … +45.` */
function alsoLines(lines) {
    if (lines.length === 0)
        return '';
    const shown = lines.slice(0, MAX_LINES).join(', ');
    const rest = lines.length - Math.min(lines.length, MAX_LINES);
    return ` Also ${lines.length === 1 ? 'line' : 'lines'} ${shown}${rest > 0 ? `, … +${rest}` : ''}.`;
}

;// CONCATENATED MODULE: ./src/report/files/junit-xml.ts
// The JUnit XML itself: suites and cases written with every count adding up
// to the cases written, server text XML-escaped with the characters XML 1.0
// cannot carry removed (no CDATA, so nothing can close it), long texts cut,
// and the file stopped at its byte limit, which its properties say.
/** `now`: when the run ended (each job's suite started its elapsed time before). */
/** The document, written suite by suite; past `maxBytes`, the remaining cases are counted, not written. */
function writeSuites(suites, maxBytes) {
    let left = maxBytes - 4_096;
    const parts = [];
    const totals = { tests: 0, failures: 0, errors: 0, time: 0 };
    for (const suite of suites) {
        const cases = [];
        const counts = { tests: 0, failures: 0, errors: 0 };
        let cut = 0;
        for (const item of suite.cases) {
            const xml = testcase(item, suite.classname);
            if (left - xml.length < 0) {
                cut += 1;
                continue;
            }
            left -= xml.length;
            cases.push(xml);
            counts.tests += 1;
            if (item.problem?.kind === 'failure')
                counts.failures += 1;
            if (item.problem?.kind === 'error')
                counts.errors += 1;
        }
        const properties = [
            ...suite.properties,
            ...(cut > 0
                ? [['left out', `${cut} test cases, past the 50 MB limit of this report`]]
                : [])
        ];
        parts.push(`  <testsuite name="${attr(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="0" time="${seconds(suite.timeSeconds)}" timestamp="${timestamp(suite.startedAt)}" hostname="${attr(hostOf(suite))}">\n` +
            `    <properties>\n${properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`).join('\n')}\n    </properties>\n` +
            cases.join('') +
            '  </testsuite>\n');
        totals.tests += counts.tests;
        totals.failures += counts.failures;
        totals.errors += counts.errors;
        totals.time += suite.timeSeconds;
    }
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<testsuites name="lxca-job-gate" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="0" time="${seconds(totals.time)}">\n` +
        parts.join('') +
        '</testsuites>\n');
}
function hostOf(suite) {
    return suite.properties.find(([name]) => name === 'host')?.[1] ?? '';
}
function testcase(item, classname) {
    const time = item.time === undefined ? '' : ` time="${seconds(item.time)}"`;
    const head = `    <testcase name="${attr(cut(item.name, MAX_ATTRIBUTE))}" classname="${attr(classname)}"${time}`;
    if (!item.problem)
        return `${head}/>\n`;
    const { kind, message, type, text } = item.problem;
    return `${head}>\n      <${kind} message="${attr(cut(message, MAX_ATTRIBUTE))}" type="${attr(cut(type, MAX_ATTRIBUTE))}">${content(cut(text, MAX_TEXT))}</${kind}>\n    </testcase>\n`;
}
/** A name or message in an attribute, and a failure's text, at most this long: a CI view shows less. */
const MAX_ATTRIBUTE = 1_000;
const MAX_TEXT = 8_000;
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
const seconds = (value) => (Number.isFinite(value) && value > 0 ? value.toFixed(3) : '0');
const timestamp = (date) => date.toISOString().replace(/\.\d{3}Z$/, '');
/** Characters XML 1.0 cannot carry at all (most controls, lone surrogates, U+FFFE/U+FFFF): removed. */
const NOT_XML = 
// eslint-disable-next-line no-control-regex
/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function content(text) {
    return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function attr(text) {
    return content(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

;// CONCATENATED MODULE: ./src/report/files/junit.ts
// The outcome as a JUnit XML report, for the CI views that read one
// (GitLab's merge-request test report, Jenkins' junit step, GitHub's
// test-report actions): one <testsuite> per job, one <testcase> per device,
// a failed device a <failure>, a device without a result or not finished an
// <error>; an upload that started no job is a suite of its own, and so are
// the rows the appliance manages already. Every string is the view's, so
// scrubbed of secrets; junit-xml.ts writes the XML, escaped and bounded.



/** GitLab refuses larger reports; Jenkins slows down long before. */
const MAX_JUNIT_BYTES = 50 * 1024 * 1024;
function renderJunit(view, now, maxBytes = MAX_JUNIT_BYTES) {
    const suites = view.jobs.map(job => jobSuite(view, job, now));
    const uploads = view.parts
        ? view.parts.flatMap(part => (part.upload && !part.jobView ? [part.upload] : []))
        : view.jobs.length === 0 && view.upload
            ? [view.upload]
            : [];
    suites.push(...uploads.map(upload => uploadSuite(view, upload, now)));
    const inventory = inventorySuite(view, now);
    if (inventory)
        suites.push(inventory);
    return writeSuites(suites, maxBytes);
}
/**
 * A run that never reached a job (invalid inputs, or a bug of ours): one
 * suite with one error case carrying the message, so that a CI step that
 * reads the report (Jenkins' junit, GitLab's reports: junit) shows the real
 * message instead of "no test report files were found".
 */
function renderJunitError(suite, message, now) {
    return writeSuites([
        {
            name: suite,
            classname: 'lxca-job-gate',
            timeSeconds: 0,
            startedAt: now,
            properties: [],
            cases: [
                {
                    name: suite,
                    problem: { kind: 'error', message: message.replace(/\s*\n\s*/g, ' '), type: 'error', text: message }
                }
            ]
        }
    ], MAX_JUNIT_BYTES);
}
/** Rows the appliance manages already (passed: ready), or manages but not Online (failed); or why it could not say. */
function inventorySuite(view, now) {
    const inventory = view.inventory;
    if (!inventory || inventory.planOnly)
        return undefined;
    const cases = [
        ...inventory.skipped.map(row => ({ name: `${row.label} (${row.file}:${row.line})` })),
        ...inventory.notOnline.map(row => ({
            name: `${row.label} (${row.file}:${row.line})`,
            problem: {
                kind: 'failure',
                message: 'managed here, but not Online',
                type: 'NOT_ONLINE',
                text: `The appliance lists it ${row.accessState ?? 'without an access state'}; it was not uploaded.`
            }
        })),
        ...(inventory.problem
            ? [
                {
                    name: "The appliance's inventory",
                    problem: {
                        kind: 'error',
                        message: inventory.problem.what,
                        type: 'inventory',
                        text: [inventory.reason ?? '', inventory.problem.fix].filter(Boolean).join('\n')
                    }
                }
            ]
            : [])
    ];
    if (cases.length === 0)
        return undefined;
    return {
        name: `Devices already managed on ${view.host}`,
        classname: 'lxca.inventory',
        timeSeconds: 0,
        startedAt: now,
        properties: [['host', view.host]],
        cases
    };
}
function jobSuite(view, job, now) {
    const classname = `lxca.${job.job.type}.${job.job.id}`;
    return {
        name: `LXCA job ${job.job.id} on ${view.host}`,
        classname,
        timeSeconds: job.elapsedMs / 1000,
        startedAt: new Date(now.getTime() - job.elapsedMs),
        properties: [
            ['job', (0,job_ref/* jobPath */.Jf)(job.job)],
            ['host', view.host],
            ['outcome', job.status],
            ...(job.file ? [['file', job.file]] : [])
        ],
        cases: jobCases(job)
    };
}
/** The devices, then the CSV rows the job did not list; a job seen not at all is one case, in error. */
function* jobCases(job) {
    if (!job.seen) {
        const what = job.status === 'cancelled' ? 'cancelled before the job was seen' : (job.problem?.what ?? 'could not be checked');
        yield {
            name: `LXCA job ${job.job.id}`,
            problem: {
                kind: 'error',
                message: what,
                type: job.status,
                text: [job.reason, job.problem?.fix].filter(Boolean).join('\n')
            }
        };
        return;
    }
    for (const item of [...job.failed, ...job.pending, ...job.succeeded]) {
        const device = job.device(item);
        const name = job.file && device.line !== undefined ? `${device.label} (${job.file}:${device.line})` : device.label;
        const time = device.timeSpentMs === undefined ? undefined : device.timeSpentMs / 1000;
        if (item.state === 'succeeded') {
            yield { name, time };
            continue;
        }
        // Every string from the view: scrubbed of secrets as the summary is (a step's name may echo one).
        const step = device.step ?? '';
        if (item.state === 'failed') {
            const message = `${device.result ?? 'failed'}${device.step ? ` at ${device.step}` : ''}`;
            const text = [device.userAction, step ? `Step: ${step}` : '', device.description].filter(Boolean).join('\n');
            yield { name, time, problem: { kind: 'failure', message, type: device.result ?? 'failed', text } };
            continue;
        }
        const message = job.done ? 'finished without a result' : `not finished${device.step ? ` (at ${device.step})` : ''}`;
        yield { name, time, problem: { kind: 'error', message, type: job.done ? 'no result' : 'not finished', text: step } };
    }
    for (const row of job.notInJob) {
        const name = job.file ? `${row.label} (${job.file}:${row.line})` : row.label;
        yield {
            name,
            problem: { kind: 'failure', message: 'not in the job', type: 'not in the job', text: notInJobFix(job) }
        };
    }
}
function uploadSuite(view, upload, now) {
    const problem = upload.status === 'success'
        ? undefined
        : {
            kind: upload.status === 'failure' ? 'failure' : 'error',
            message: upload.status === 'failure' ? 'the appliance refused the file' : (upload.problem?.what ?? upload.status),
            type: upload.status,
            text: [...upload.messages, upload.reason ?? '', upload.problem?.fix ?? ''].filter(Boolean).join('\n')
        };
    return {
        name: `${upload.validationOnly ? 'Validation' : 'Upload'} of ${upload.file} on ${view.host}`,
        classname: 'lxca.csvRequest',
        timeSeconds: upload.elapsedMs / 1000,
        startedAt: new Date(now.getTime() - upload.elapsedMs),
        properties: [
            ['host', view.host],
            ['file', upload.file]
        ],
        cases: [{ name: upload.file, time: upload.elapsedMs / 1000, ...(problem ? { problem } : {}) }]
    };
}

;// CONCATENATED MODULE: ./src/report/files/devices-file.ts
// devices-file: every device of every job, every CSV row a job did not list,
// and every row left out because the appliance manages it already, one JSON
// object per line, for scripts (a deploy matrix, say): `ready` says whether a
// deploy may go on to it, and `inventory` carries what the appliance's
// inventory lists (its UUID above all). Every string is the view's: scrubbed
// of secrets, as in the summary. Pure.

/** Every device of every job, every CSV row a job did not list, and every row managed already. */
function deviceRecords(view) {
    const managed = view.inventory && !view.inventory.planOnly ? view.inventory : undefined;
    const verify = view.inventory?.verify === true;
    return [
        ...(managed?.skipped ?? []).map(row => managedRecord(row, 'already-managed')),
        ...view.jobs.flatMap(job => [
            ...[...job.succeeded, ...job.failed, ...job.pending].map(item => record(job, job.device(item), verify)),
            ...job.notInJob.map(row => ({
                device: row.identifier,
                ready: false,
                state: 'not in the job',
                ...(row.name !== undefined ? { name: row.name } : {}),
                ...(job.file !== undefined ? { file: job.file } : {}),
                line: row.line,
                job: job.job.id
            }))
        ]),
        ...(managed?.notOnline ?? []).map(row => managedRecord(row, 'managed, not Online'))
    ];
}
function managedRecord(row, state) {
    const inventory = {};
    const fields = {
        uuid: row.uuid,
        name: row.inventoryName,
        serialNumber: row.serialNumber,
        machineType: row.machineType,
        type: row.type,
        accessState: row.accessState
    };
    for (const [key, value] of Object.entries(fields))
        if (value !== undefined)
            inventory[key] = value;
    return {
        device: row.identifier,
        ready: state === 'already-managed',
        state,
        ...(row.name !== undefined ? { name: row.name } : {}),
        file: row.file,
        line: row.line,
        inventory
    };
}
function record(job, device, verify) {
    const succeeded = job.startedHere ? 'imported' : 'succeeded';
    const state = device.state === 'succeeded'
        ? succeeded
        : device.state === 'failed'
            ? 'failed'
            : job.done
                ? 'no result'
                : 'not finished';
    return {
        device: device.address,
        ready: isReady(device, verify),
        state,
        ...(device.name !== undefined ? { name: device.name } : {}),
        ...(job.file !== undefined && device.line !== undefined ? { file: job.file, line: device.line } : {}),
        job: job.job.id,
        ...(device.result !== undefined ? { result: device.result } : {}),
        ...(device.step ? { step: cutText(device.step) } : {}),
        ...(device.userAction ? { userAction: cutText(device.userAction) } : {}),
        ...(device.inventory ? { inventory: device.inventory } : {})
    };
}
/** devices-file: a JSON array, one device per line, so a large site stays readable and streamable. */
function devicesFileContent(view) {
    const records = deviceRecords(view);
    return records.length === 0 ? '[]\n' : `[\n${records.map(item => JSON.stringify(item)).join(',\n')}\n]\n`;
}
/** A script needs the gist of a text; a whole 16 KiB user action is the report file's. */
function cutText(text) {
    return text.length > 4_000 ? `${text.slice(0, 3_999)}…` : text;
}

;// CONCATENATED MODULE: ./src/report/files/failed-csv.ts
// failed-csv: the rows of the uploaded CSVs to fix and upload again, byte for
// byte (outcome/retry.ts decides which: no row of an import that may still be
// going on). They carry the device credentials of the file they came from:
// the roots write them owner-only (result-files.ts). Pure.

/**
 * The CSVs to upload again: for each header the files share, its byte-order
 * mark (if any) and header line (from the first file with it) and, byte for
 * byte and in order, every row of `rows` (outcome/retry.ts decides which:
 * rows not managed, in no import that may still be going on). Each row ends
 * with a line ending, the file's own, even the last row of a file that has
 * none: a row is never glued to the next. Empty when there is no such row.
 */
function failedCsvs(files, rows) {
    const byHeader = new Map();
    for (const file of files) {
        const chosen = file.rows.filter(row => rows.has(row));
        if (chosen.length === 0)
            continue;
        const header = file.bytes.subarray(file.header.start, file.header.end);
        // The same columns, whatever the line ending: one CSV.
        const key = header.toString('utf8').replace(/\r?\n$|\r$/, '');
        let parts = byHeader.get(key);
        if (!parts) {
            byHeader.set(key, (parts = [file.bytes.subarray(0, (0,common_text/* bomLength */.L1)(file.bytes)), header]));
        }
        const ending = Buffer.from(/\r\n$/.test(header.toString('latin1')) ? '\r\n' : '\n');
        for (const row of chosen) {
            const bytes = file.bytes.subarray(row.start, row.end);
            parts.push(bytes);
            const last = bytes[bytes.length - 1];
            if (last !== 0x0a && last !== 0x0d)
                parts.push(ending);
        }
    }
    return [...byHeader.values()].map(parts => Buffer.concat(parts));
}

// EXTERNAL MODULE: ./src/report/files/result-files.ts + 1 modules
var result_files = __webpack_require__(3502);
// EXTERNAL MODULE: ./src/outcome/upload-outcome.ts
var upload_outcome = __webpack_require__(1286);
;// CONCATENATED MODULE: ./src/outcome/retry.ts

function retryPlan(outcome) {
    const rows = new Set();
    const running = [];
    const unknown = [];
    const notUploaded = [];
    const jobOf = new Map(outcome.jobs.flatMap(job => (job.source ? [[job.source, job]] : [])));
    const uploaded = (source, upload) => {
        const job = jobOf.get(source);
        if (job)
            return jobRows(job, rows, running, unknown);
        if (upload && refusedBeforeImport(upload))
            source.rows.forEach(row => rows.add(row));
        else if (upload && (0,upload_outcome/* mayHaveStarted */.NG)(upload))
            unknown.push(source);
    };
    // Rows managed here but not Online were never uploaded: once their stale entry is dealt with, they are to import.
    if (outcome.inventory && !outcome.inventory.planOnly)
        outcome.inventory.notOnline.forEach(({ row }) => rows.add(row));
    if (outcome.parts) {
        for (const part of outcome.parts) {
            if (part.state === 'not uploaded') {
                notUploaded.push(part.part);
                part.part.source.rows.forEach(row => rows.add(row));
            }
            else
                uploaded(part.part.source, part.upload);
        }
    }
    else {
        for (const job of outcome.jobs)
            if (job.source)
                uploaded(job.source, outcome.upload);
    }
    return { rows, running, unknown, notUploaded };
}
/** The rows of a finished job not known to have succeeded; or why none of its rows can be offered yet. */
function jobRows(job, rows, running, unknown) {
    const source = job.source;
    if (job.status === 'error' && job.cause.kind === 'foreign')
        return void unknown.push(source);
    // A job that finished but whose devices the inventory could not confirm is as finished as any.
    const finished = job.status === 'success' || job.status === 'failure' || (job.status === 'error' && job.cause.kind === 'inventory');
    if (!finished || !job.seen)
        return void running.push(job.job);
    const trace = job.rows;
    const succeeded = new Set();
    for (const item of job.seen.assessment.devices) {
        const row = item.state === 'succeeded' ? trace?.rowOf.get(item.device) : undefined;
        if (row)
            succeeded.add(row);
    }
    const states = new Map(job.seen.assessment.devices.map(item => [item.device, item.state]));
    if (trace && trace.countedDevices.every(device => states.get(device) === 'succeeded'))
        trace.byCount.forEach(row => succeeded.add(row));
    for (const row of source.rows)
        if (!succeeded.has(row))
            rows.add(row);
}
/** The appliance refused the upload, or it provably never reached it: nothing of it was imported. */
function refusedBeforeImport(upload) {
    if (upload.validationOnly)
        return false;
    if (upload.status === 'cancelled')
        return !upload.mayHaveStarted;
    return upload.status === 'error' && upload.cause.kind === 'not-imported';
}

;// CONCATENATED MODULE: ./src/report/model/job-view.ts




function jobView(outcome, context) {
    const { timeoutMs, scrub, startedByUpload, naming, excuse, overAllowance } = context;
    const { job, seen, wait, rows } = outcome;
    const excused = excuse !== undefined && outcome.status === 'failure';
    const devices = seen?.assessment.devices ?? [];
    const byState = (state) => devices.filter(item => item.state === state);
    const failed = byState('failed');
    const done = seen !== undefined && seen.assessment.verdict !== 'running';
    const views = new Map();
    const reason = reasonOf(outcome, timeoutMs);
    const namesOf = (item) => {
        const row = rows?.rowOf.get(item.device);
        const entry = item.device.inventory;
        return [row?.name, ...(row?.identifiers ?? []), entry?.name, entry?.hostname, entry?.serialNumber];
    };
    return {
        job,
        path: (0,job_ref/* jobPath */.Jf)(job),
        status: excused ? 'partial' : outcome.status,
        ...(excused ? { excuse } : {}),
        ...(overAllowance && outcome.status === 'failure' ? { overAllowance } : {}),
        seen: seen !== undefined,
        reported: outcome.reported === true,
        done,
        progress: seen?.assessment.progress,
        lxcaStatus: seen?.document.status === undefined ? undefined : scrub(seen.document.status),
        total: devices.length,
        failed,
        pending: byState('pending'),
        succeeded: byState('succeeded'),
        causes: causesOf(failed, scrub, namesOf),
        ...(outcome.source ? { file: scrub(outcome.source.path) } : {}),
        notInJob: (rows?.notInJob ?? []).map(row => rowView(row, scrub)),
        byCount: rows?.byCount.length ?? 0,
        problem: outcome.status === 'error' ? problemOf(outcome.cause, startedByUpload ? job : undefined, naming) : undefined,
        startedHere: startedByUpload,
        reason: reason === undefined ? undefined : scrub(reason),
        elapsedMs: wait.elapsedMs,
        polls: wait.polls,
        retries: wait.retries,
        timeoutMs,
        naming,
        namesOf,
        device(item) {
            let view = views.get(item);
            if (!view)
                views.set(item, (view = deviceView(item, done, scrub, rows?.rowOf.get(item.device))));
            return view;
        }
    };
}

;// CONCATENATED MODULE: ./src/report/model/naming.ts
// How a fix names what to change: the Action's inputs (`ca-certificate`), or
// the command line's flags and environment variables (`--ca-certificate
// (LXCA_CA_CERTIFICATE)`). Every fix is written once and named the reader's way.

const ACTION_NAMING = {
    input: (name, value) => (value === undefined ? name : `${name}: ${value}`),
    credentials: 'the username and password inputs (and the secrets they come from)',
    failedRows: 'the failed-csv output',
    waitInstead: jobIds => ({
        lead: `run this step with ${input_output_names/* Input */.pd.JobId} in place of ${input_output_names/* Input */.pd.CsvFile}`,
        snippet: `with:\n  ${input_output_names/* Input */.pd.JobId}: '${jobIds.join(',')}'`,
        language: 'yaml'
    })
};
const CLI_NAMING = {
    input: (name, value) => value === undefined ? `--${name} (${(0,input_output_names/* envName */.pD)(name)})` : `--${name} ${value} (${(0,input_output_names/* envName */.pD)(name)}=${value})`,
    credentials: `${(0,input_output_names/* envName */.pD)(input_output_names/* Input */.pd.Username)} and ${(0,input_output_names/* envName */.pD)(input_output_names/* Input */.pd.Password)} (or --username and --password)`,
    failedRows: 'the file --failed-csv writes',
    waitInstead: jobIds => ({
        lead: `run the command with --${input_output_names/* Input */.pd.JobId} in place of --${input_output_names/* Input */.pd.CsvFile}`,
        snippet: `lxca-job-gate --${input_output_names/* Input */.pd.JobId} ${jobIds.join(',')}`,
        language: 'sh'
    })
};

;// CONCATENATED MODULE: ./src/report/model/next-steps.ts



/** Undefined when nothing is left to do but fix what failed (the causes say how). */
function nextStepsOf(outcome, naming, scrub) {
    if (!outcome.upload && !outcome.parts)
        return undefined;
    const plan = retryPlan(outcome);
    const running = plan.running.map(job => job.id);
    const wait = running.length > 0
        ? {
            sentence: `${running.length === 1 ? `LXCA job ${running[0]} may still be running` : `LXCA jobs ${running.join(', ')} may still be running`}: before anything is uploaded again, wait for ${running.length === 1 ? 'it' : 'them'}: ${naming.waitInstead(running).lead}.`,
            ...snippetOf(naming, running)
        }
        : undefined;
    const lookFor = plan.unknown.length > 0
        ? `The import of ${placesOf(plan.unknown, scrub)} may have started under a job we do not know: find it in ${common_text/* MONITORING */.Rp} and wait for it with ${naming.input('job-id')}; do not upload those rows again.`
        : undefined;
    const rerun = outcome.inventory?.skipManaged === true;
    const after = wait || lookFor ? ' once the jobs above have finished' : '';
    const notUploaded = plan.notUploaded.length > 0
        ? `${(0,common_text/* plural */.LS)(plan.notUploaded.length, 'part')} never uploaded, so not imported: ${plan.notUploaded.map(part => `${scrub(part.path)} ${lines(part.firstLine, part.lastLine)}`).join(', ')}. ${(0,common_text/* capitalise */.sK)(naming.failedRows)} holds their rows.`
        : undefined;
    const failedRows = plan.rows.size - plan.notUploaded.reduce((sum, part) => sum + part.rows, 0);
    const rest = plan.rows.size === 0
        ? undefined
        : rerun
            ? `${failedRows > 0 ? 'Once the failures are fixed, run' : 'Run'} this step again${after}: rows the appliance manages by then are skipped, so it imports only what is left.`
            : `${(0,common_text/* capitalise */.sK)(naming.failedRows)} holds the rows to import again${failedRows > 0 ? ' (fix the failed ones first)' : ''}: upload it${after}.`;
    if (!wait && !lookFor && !notUploaded && !rest)
        return undefined;
    return {
        ...(wait ? { wait } : {}),
        ...(lookFor ? { lookFor } : {}),
        ...(notUploaded ? { notUploaded } : {}),
        ...(rest ? { rest } : {})
    };
}
function snippetOf(naming, jobIds) {
    const { snippet, language } = naming.waitInstead(jobIds);
    return { snippet, language };
}
function placesOf(sources, scrub) {
    return sources
        .map(source => {
        const first = source.rows[0]?.line ?? 0;
        return `${scrub(source.path)} ${lines(first, source.rows[source.rows.length - 1]?.line ?? first)}`;
    })
        .join(', ');
}
function lines(first, last) {
    return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

;// CONCATENATED MODULE: ./src/report/model/upload-view.ts


function uploadView(upload, scrub, naming) {
    return {
        file: scrub(upload.file),
        rows: upload.rows,
        validationOnly: upload.validationOnly,
        status: upload.status,
        job: upload.status === 'success' ? upload.job : undefined,
        messages: upload.messages.map(scrub),
        reason: upload.status === 'error' ? scrub(upload.cause.reason) : undefined,
        problem: uploadProblemOf(upload, naming),
        mayHaveStarted: (0,upload_outcome/* mayHaveStarted */.NG)(upload),
        probablyStarted: (0,upload_outcome/* probablyStarted */.fS)(upload),
        elapsedMs: upload.elapsedMs
    };
}

;// CONCATENATED MODULE: ./src/report/model/parts-view.ts



function partViews(parts, jobs, scrub, naming) {
    return parts.map(outcome => {
        const { part } = outcome;
        const base = {
            index: part.index,
            count: part.count,
            file: scrub(part.path),
            lines: part.firstLine === part.lastLine ? String(part.firstLine) : `${part.firstLine}–${part.lastLine}`,
            rows: part.rows
        };
        if (outcome.state === 'not uploaded')
            return { ...base, notUploaded: outcome.because };
        const job = outcome.job && jobs.find(view => view.job.id === outcome.job?.id && view.job.type === outcome.job?.type);
        if (job)
            return { ...base, job: job.job, status: job.status, jobView: job };
        const upload = uploadView(outcome.upload, scrub, naming);
        return { ...base, status: upload.status, upload };
    });
}
/** Every job of the run seen as one: the digest across parts reads it. */
function acrossJobs(jobs, naming, scrub) {
    const owner = new Map();
    for (const job of jobs)
        for (const item of [...job.failed, ...job.pending, ...job.succeeded])
            owner.set(item, job);
    const failed = jobs.flatMap(job => job.failed);
    const [first] = jobs;
    return {
        ...first,
        status: (0,outcome_status/* worstStatus */.A)(jobs.map(job => job.status)),
        total: jobs.reduce((sum, job) => sum + job.total, 0),
        failed,
        pending: jobs.flatMap(job => job.pending),
        succeeded: jobs.flatMap(job => job.succeeded),
        causes: causesOf(failed, scrub, item => (owner.get(item) ?? first).namesOf(item)),
        notInJob: jobs.flatMap(job => job.notInJob),
        byCount: jobs.reduce((sum, job) => sum + job.byCount, 0),
        naming,
        device: item => (owner.get(item) ?? first).device(item)
    };
}

;// CONCATENATED MODULE: ./src/report/model/gate-view.ts







/** `naming`: how fixes name what to change (the Action's inputs by default, or the command line's flags). */
function gateView(outcome, baseUrl, scrub, naming = ACTION_NAMING) {
    const { upload, parts } = outcome;
    // The jobs this step's uploads started (job-id did not name them).
    const started = new Set([upload, ...(parts ?? []).map(part => (part.state === 'uploaded' ? part.upload : undefined))].flatMap(item => item?.status === 'success' && item.job ? [item.job.id] : []));
    const timeoutMs = outcome.deadline.timeoutMs;
    const jobs = outcome.jobs.map(item => jobView(item, {
        timeoutMs,
        scrub,
        startedByUpload: started.has(item.job.id),
        naming,
        excuse: outcome.excuse,
        ...(outcome.overAllowance ? { overAllowance: outcome.overAllowance } : {})
    }));
    const ordered = jobs
        .map((view, index) => ({ view, index }))
        .sort((a, b) => outcome_status/* STATUSES */.f[a.view.status].readingOrder - outcome_status/* STATUSES */.f[b.view.status].readingOrder || a.index - b.index)
        .map(({ view }) => view);
    return {
        status: outcome.status,
        jobs: ordered,
        jobOrder: outcome.jobs.map(item => item.job),
        upload: upload && uploadView(upload, scrub, naming),
        host: baseUrl.host,
        baseUrl,
        naming,
        ...(outcome.excuse ? { excuse: outcome.excuse } : {}),
        ...(outcome.overAllowance ? { overAllowance: outcome.overAllowance } : {}),
        ...optional('next', nextStepsOf(outcome, naming, scrub)),
        ...optional('inventory', inventoryView(outcome, scrub, naming)),
        ...(parts
            ? {
                parts: partViews(parts, jobs, scrub, naming),
                ...(jobs.length > 0 ? { across: acrossJobs(jobs, naming, scrub) } : {})
            }
            : {})
    };
}
/** `{ key: value }`, or nothing when the value is undefined (the view's optional fields stay absent). */
function optional(key, value) {
    return value === undefined ? {} : { [key]: value };
}

;// CONCATENATED MODULE: ./src/action/results.ts
// The end of the Action's run, loaded only then (the first request does not
// wait for the renderers): the step summary, the report and summary files,
// the outputs, the annotations and the one exit decision. Part of the
// composition root: it writes the runner's files.
















/** The summary, the outputs and the one exit decision. */
function report(settings, outcome, context, run) {
    const { runner, secrets } = context;
    const view = gateView(outcome, settings.baseUrl, secrets.scrub);
    const { markdown, files } = writeFiles(view, settings, outcome, context, run);
    writeStepSummary(markdown, context);
    setOutputs(buildOutputs(view, files), runner);
    const message = gateMessage(view);
    const passes = outcome_status/* STATUSES */.f[outcome.status].passes;
    // On the CSV's lines where the step uploaded it; warnings when allowed-failures let the step pass.
    for (const annotation of annotations(view)) {
        const place = { title: annotation.title, ...workspacePlace(annotation, context) };
        if (passes)
            runner.warning(annotation.message, place);
        else
            runner.error(annotation.message, place);
    }
    if (passes)
        runner.info(message);
    else
        runner.setFailed(message);
}
/** The annotated file as the runner wants it: a path relative to the workspace, with forward slashes. */
function workspacePlace(annotation, context) {
    if (!annotation.file)
        return {};
    const workspace = context.env.GITHUB_WORKSPACE || context.cwd;
    const path = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(context.cwd, annotation.file));
    if (path === '' || path.startsWith('..') || (0,external_node_path_.isAbsolute)(path))
        return {};
    // A name with control characters cannot be a property of a workflow command: the annotation goes without it.
    if ((0,common_text/* oneLine */.TN)(path) !== path)
        return {};
    return { file: path.split(external_node_path_.sep).join('/'), line: annotation.line };
}
/**
 * The files of the run, in a folder of RUNNER_TEMP of its own: the summary,
 * every device, the CSV rows to upload again and JUnit (the last job
 * documents are already in the report file).
 */
function writeFiles(view, settings, outcome, context, run) {
    const markdown = renderGateMarkdown(view);
    const waited = outcome.jobs.length > 0;
    const written = (0,result_files/* writeResultFiles */.SU)(run.places, {
        summary: markdown,
        devices: waited ? devicesFileContent(view) : undefined,
        junit: renderJunit(view, new Date()),
        failedCsvs: waited ? failedCsvs(settings.upload?.files ?? [], retryPlan(outcome).rows) : []
    });
    const failure = written.failed[0];
    if (failure)
        throw new Error(`the ${failure.file} file ${failure.path} could not be written (${failure.code})`);
    const [summaryFile] = written.paths.summary ?? [];
    const report = run.reported ? run.places('report') : undefined;
    context.runner.info(`Summary: ${summaryFile}${report ? `; last job documents: ${report}` : ''}`);
    // One path per line: files with different headers each get their own CSV.
    return {
        markdown,
        files: {
            report,
            summaryFile,
            devicesFile: written.paths.devices?.[0],
            junitFile: written.paths.junit?.[0],
            failedCsv: written.paths.failedCsv?.join('\n') || undefined
        }
    };
}
/** Appended as is: our renderer already escaped every server string (core.summary escapes nothing). */
function writeStepSummary(markdown, context) {
    const path = context.env.GITHUB_STEP_SUMMARY;
    if (!path) {
        context.runner.info('GITHUB_STEP_SUMMARY is not set (not running on a GitHub runner); the summary is not written there.');
        return;
    }
    (0,external_node_fs_.appendFileSync)(path, markdown);
}
function setOutputs(outputs, runner) {
    for (const [name, value] of Object.entries(outputs))
        runner.setOutput(name, value);
}
/** Invalid inputs: nothing was sent; the summary and the failure list every problem. */
function reportInputErrors(error, context, places) {
    const markdown = renderInputErrorSummary(error.sentences);
    writeStepSummary(markdown, context);
    const message = `Invalid inputs, nothing was sent to the appliance:\n${error.message}`;
    const files = writeErrorFiles(markdown, 'Invalid inputs', message, context, places);
    setOutputs(buildOutputs({ status: 'error', jobs: [], jobOrder: [] }, files), context.runner);
    context.runner.setFailed(message);
}
function reportUnexpectedError(message, context, places) {
    const markdown = renderUnexpectedErrorSummary(message);
    writeStepSummary(markdown, context);
    const files = writeErrorFiles(markdown, 'Unexpected error', `Unexpected error: ${message}`, context, places);
    context.runner.setOutput(input_output_names/* Output */.k7.Status, 'error');
    if (files.summaryFile)
        context.runner.setOutput(input_output_names/* Output */.k7.SummaryFile, files.summaryFile);
    if (files.junitFile)
        context.runner.setOutput(input_output_names/* Output */.k7.JunitFile, files.junitFile);
    context.runner.setFailed(`Unexpected error: ${message}`);
}
/** The summary and the JUnit file of a run that reached no job: a test-report step always finds its file. */
function writeErrorFiles(markdown, suite, message, context, places) {
    // The step fails already, with the message that matters: a file that could not be written is only logged.
    try {
        const scrub = context.secrets.scrub;
        const written = (0,result_files/* writeResultFiles */.SU)(places, {
            summary: scrub(markdown),
            junit: renderJunitError(suite, scrub(message), new Date()),
            failedCsvs: []
        });
        for (const failure of written.failed)
            context.runner.info(`The ${failure.file} file ${failure.path} could not be written (${failure.code}).`);
        return { summaryFile: written.paths.summary?.[0], junitFile: written.paths.junit?.[0] };
    }
    catch (error) {
        context.runner.info(`The result files could not be written: ${context.secrets.scrub((0,errors/* messageOf */.bD)(error))}`);
        return {};
    }
}


/***/ })

};
