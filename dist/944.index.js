export const id = 944;
export const ids = [944];
export const modules = {

/***/ 9944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var proxy = __webpack_require__(9783);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/common/clock.ts
// Time as the engine sees it: every wait between requests and every deadline
// it decides goes through a Clock, so tests drive time by hand and never sleep
// for real. (The one real timer outside it is the transport's per-request
// deadline, which must cut a real socket in real time.)
/** Node clamps longer timers to 1 ms, which would turn a long wait into a busy loop. */
const MAX_TIMER_MS = 2_147_483_647;
const systemClock = {
    now: () => performance.now(),
    wallNow: () => Date.now(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal.aborted || ms <= 0)
            return resolve();
        const finish = () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', finish);
            resolve();
        };
        const timer = setTimeout(finish, Math.min(ms, MAX_TIMER_MS));
        signal.addEventListener('abort', finish, { once: true });
    })
};

// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
;// CONCATENATED MODULE: ./src/common/form-automaton.ts
// Aho–Corasick over the forms of the secrets (secrets.ts): one step per
// character of the text, whatever the number of forms or how much they look
// alike, so that a thousand CSV passwords cost no more than one.
/** States allocated at first; the arrays double as forms are added. */
const INITIAL_STATES = 256;
/**
 * The automaton. A state's transitions are a list of its children (first
 * child, next sibling), in typed arrays: a CSV of 3,000 rows brings 30,000
 * forms and some 200,000 states, which a Map keyed by state and character held
 * in 18 MiB (its keys past 2^31 each a heap number); here they take 26 bytes a
 * state. The start state also has a table by character, the common path.
 * Failure links are built on first use after forms were added.
 */
class FormAutomaton {
    fold;
    /** Per state: its parent, the character into it, the longest form ending here (0: none), its first child, its next sibling (0: none). */
    parent = new Int32Array(INITIAL_STATES);
    char = new Uint16Array(INITIAL_STATES);
    ends = new Int32Array(INITIAL_STATES);
    firstChild = new Int32Array(INITIAL_STATES);
    sibling = new Int32Array(INITIAL_STATES);
    count = 1;
    fail = new Int32Array(1);
    output = new Int32Array(1);
    /**
     * The start state's transitions, by character (0: none): most of a text
     * leaves the start state at once, so this one lookup is the common path.
     */
    root = new Int32Array(65_536);
    built = true;
    constructor(fold) {
        this.fold = fold;
    }
    add(raw) {
        const form = this.fold ? foldCase(raw) : raw;
        let state = 0;
        for (let i = 0; i < form.length; i++) {
            const code = form.charCodeAt(i);
            let target = this.child(state, code);
            if (target === 0) {
                target = this.newState(state, code);
                if (state === 0)
                    this.root[code] = target;
            }
            state = target;
        }
        this.ends[state] = form.length;
        this.built = false;
    }
    /** Where forms occur in `text`: for each end, the longest form ending there, as [start, end). */
    spans(text) {
        if (this.count === 1)
            return [];
        if (!this.built)
            this.build();
        const found = [];
        // Locals and a fold table: a 64 MiB document is scanned at a few nanoseconds a character.
        const { root, output } = this;
        const fold = this.fold ? foldTable : undefined;
        let state = 0;
        for (let index = 0; index < text.length; index++) {
            const raw = text.charCodeAt(index);
            const code = fold === undefined ? raw : fold[raw] || foldOnce(raw);
            state = state === 0 ? root[code] : this.move(state, code);
            if (state === 0)
                continue;
            const length = output[state];
            if (length > 0)
                found.push([index + 1 - length, index + 1]);
        }
        return found;
    }
    /** The child of `state` reached by `code`, or 0. */
    child(state, code) {
        if (state === 0)
            return this.root[code];
        for (let next = this.firstChild[state]; next !== 0; next = this.sibling[next]) {
            if (this.char[next] === code)
                return next;
        }
        return 0;
    }
    newState(parent, code) {
        if (this.count === this.parent.length)
            this.growStates();
        const state = this.count++;
        this.parent[state] = parent;
        this.char[state] = code;
        this.sibling[state] = this.firstChild[parent];
        this.firstChild[parent] = state;
        return state;
    }
    growStates() {
        const size = this.parent.length * 2;
        const grown = (from, to) => {
            to.set(from);
            return to;
        };
        this.parent = grown(this.parent, new Int32Array(size));
        this.char = grown(this.char, new Uint16Array(size));
        this.ends = grown(this.ends, new Int32Array(size));
        this.firstChild = grown(this.firstChild, new Int32Array(size));
        this.sibling = grown(this.sibling, new Int32Array(size));
    }
    move(from, code) {
        let state = from;
        while (state !== 0) {
            const target = this.child(state, code);
            if (target !== 0)
                return target;
            state = this.fail[state];
        }
        return this.root[code];
    }
    /** Failure links and outputs, breadth first (a parent's link is always ready before its children's). */
    build() {
        const { count } = this;
        this.fail = new Int32Array(count);
        this.output = new Int32Array(count);
        const queue = new Int32Array(count);
        let tail = 0;
        for (let state = 1; state < count; state++)
            if (this.parent[state] === 0)
                queue[tail++] = state;
        for (let head = 0; head < tail; head++) {
            const state = queue[head];
            const parent = this.parent[state];
            this.fail[state] = parent === 0 ? 0 : this.move(this.fail[parent], this.char[state]);
            // The longest form ending here is this state's own, else the longest ending at its failure state.
            this.output[state] = this.ends[state] > 0 ? this.ends[state] : this.output[this.fail[state]];
            for (let next = this.firstChild[state]; next !== 0; next = this.sibling[next])
                queue[tail++] = next;
        }
        this.built = true;
    }
}
/** Case folding one UTF-16 unit at a time, so that positions in the text and in the form stay aligned. */
function foldCode(code) {
    if (code >= 65 && code <= 90)
        return code + 32;
    if (code < 128)
        return code;
    const lower = String.fromCharCode(code).toLowerCase();
    return lower.length === 1 ? lower.charCodeAt(0) : code;
}
/**
 * foldCode by UTF-16 unit, each unit's filled in the first time a text holds
 * it (0: not yet; only unit 0 folds to 0). Filling all 65,536 at once cost
 * 8 ms of the action's start-up, for the first log line scrubbed.
 */
const foldTable = new Uint16Array(65_536);
function foldOnce(code) {
    return (foldTable[code] = foldCode(code));
}
function foldCase(text) {
    let folded = '';
    for (let i = 0; i < text.length; i++)
        folded += String.fromCharCode(foldCode(text.charCodeAt(i)));
    return folded;
}

;// CONCATENATED MODULE: ./src/common/secret-forms.ts
// The forms a secret takes when an appliance echoes it: JSON escapes,
// percent-encoding, HTML entities and base64, besides the value as typed.
/** Base64 of a secret embedded in a longer value is matched from this length on (shorter cores are too common). */
const BASE64_CORE_FROM = 6;
/**
 * The forms a value takes when an appliance echoes it: as is, JSON-escaped
 * (plain, with `\/`, or with `\uXXXX` as Gson writes `<>&='`), percent-encoded
 * (as encodeURIComponent, strictly, or as a form with `+`), as HTML entities
 * (named, decimal or hex, for the special characters or for every one), and
 * base64 (alone, and the part that is the same wherever it sits in a longer
 * base64 value).
 */
function secretForms(value) {
    const forms = new Set([value]);
    for (const json of jsonForms(value))
        forms.add(json);
    for (const percent of percentForms(value))
        forms.add(percent);
    for (const html of htmlForms(value))
        forms.add(html);
    for (const base64 of base64Forms(value))
        forms.add(base64);
    return [...forms];
}
/** JSON string contents: `/` as is or as `\/`, and `<>&='` and non-ASCII as is or as `\uXXXX` (either case). */
function jsonForms(value) {
    const json = JSON.stringify(value).slice(1, -1);
    const unicode = (text, pattern, upper) => text.replace(pattern, char => {
        const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
        return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
    const forms = [];
    for (const base of [json, json.replace(/\//g, '\\/')]) {
        forms.push(base);
        for (const upper of [false, true])
            forms.push(unicode(base, /[<>&='\u0080-\uffff]/g, upper));
    }
    for (const upper of [false, true])
        forms.push(unicode(value, /[^A-Za-z0-9]/g, upper));
    return forms;
}
function percentForms(value) {
    const standard = encodeURIComponent(value);
    const strict = standard.replace(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    const forms = [standard, strict, standard.replace(/%20/g, '+'), strict.replace(/%20/g, '+')];
    return [...forms, ...forms.map(form => form.replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()))];
}
const NAMED_ENTITY = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};
function htmlForms(value) {
    const chars = [...value];
    const decimal = (char) => `&#${char.codePointAt(0)};`;
    const hexLower = (char) => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`;
    const hexUpper = (char) => `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
    const special = (char) => !/[A-Za-z0-9]/.test(char);
    const forms = [
        chars.map(char => NAMED_ENTITY[char] ?? char).join(''),
        chars.map(char => (char === "'" ? '&apos;' : (NAMED_ENTITY[char] ?? char))).join(''),
        chars.map(char => (char === "'" ? '&#x27;' : (NAMED_ENTITY[char] ?? char))).join('')
    ];
    for (const entity of [decimal, hexLower, hexUpper]) {
        forms.push(chars.map(char => (special(char) ? entity(char) : char)).join(''));
        forms.push(chars.map(char => NAMED_ENTITY[char] ?? (special(char) ? entity(char) : char)).join(''));
        forms.push(chars.map(entity).join(''));
    }
    return forms;
}
function base64Forms(value) {
    const bytes = Buffer.from(value, 'utf8');
    const whole = bytes.toString('base64');
    const forms = [whole, whole.replace(/=+$/, ''), bytes.toString('base64url')];
    if (bytes.length < BASE64_CORE_FROM)
        return forms;
    // In a longer value the secret starts at one of three offsets within a
    // 3-byte group; the characters that encode only its own bytes are the same
    // whatever surrounds it.
    for (let offset = 0; offset < 3; offset++) {
        const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
        // Character k encodes bits 6k to 6k+6: only those wholly inside the secret's bits are its own.
        const start = Math.ceil((offset * 8) / 6);
        const end = Math.floor((padded.length * 8) / 6);
        const core = padded.toString('base64').slice(start, end);
        if (core.length >= BASE64_CORE_FROM)
            forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    return forms;
}

;// CONCATENATED MODULE: ./src/common/secrets.ts
// Secrets the appliance may echo back (the password, the Basic token, the
// session cookie and CSRF token, the proxy password, the CSV's credential
// cells), replaced by `***` in every text we render, before any escaping and
// before any cut: the runner's masking matches exact text only, so an escaped
// secret (`P&#64;ss`) would slip through it, and files we write are never
// masked at all.
//
// An appliance rarely echoes a value as it was typed. Its JSON encoder may
// write `\/` (org.json) or `\u003c` (Gson), its web pages `&#64;` or
// `&#x40;`, its URLs `%40`, its logs the value in base64 or in upper case.
// So each secret is known in all of those forms (see secretForms), and a
// secret of 8 characters or more is matched whatever its case.
//
// Scrubbing happens only where text is shown, never before the verdict: a
// short password that happens to equal a result or a number in the document
// must not change what the document says.



/** Shorter than this would blank ordinary text; such a value is no secret worth the name. */
const MIN_SECRET = 3;
/** From this length on a secret is matched case-insensitively (a shorter one would blank ordinary words). */
const FOLD_FROM = 8;
/**
 * Texts this long or longer are remembered once scrubbed: a device's 2 KB user
 * action is shown in the summary, the annotations, the outputs, JUnit and the
 * devices file, and is scanned once. Shorter ones cost less to scan than to look up.
 */
const REMEMBER_FROM = 64;
/** What the memory may hold in all (characters), and the longest text it keeps: past either, it starts afresh. */
const REMEMBER_CHARS = 4 * 1024 * 1024;
const REMEMBER_LONGEST = 256 * 1024;
/** Scrubs nothing (no secrets known). */
const noSecrets = (text) => text;
/** A scrubber that knows no secret. */
const NO_SECRETS = { scrub: noSecrets, longest: 0 };
class SecretSet {
    onAdd;
    values = new Set();
    /** Forms of short secrets, matched exactly; forms of long ones, matched whatever their case. */
    exact = new FormAutomaton(false);
    folded = new FormAutomaton(true);
    longestForm = 0;
    /** Texts already scrubbed, and what they became; forgotten whenever a secret is added. */
    remembered = new Map();
    rememberedChars = 0;
    /** `onAdd` is told every new secret as given (the Action masks it in the runner's log). */
    constructor(onAdd = () => undefined) {
        this.onAdd = onAdd;
    }
    add(value) {
        if (value.length < MIN_SECRET || this.values.has(value))
            return;
        this.values.add(value);
        const automaton = value.length >= FOLD_FROM ? this.folded : this.exact;
        for (const form of secretForms(value)) {
            this.longestForm = Math.max(this.longestForm, form.length);
            automaton.add(form);
        }
        // A text scrubbed before this secret was known may hold it.
        this.remembered.clear();
        this.rememberedChars = 0;
        this.onAdd(value);
    }
    get longest() {
        return this.longestForm;
    }
    /**
     * `text` with every form of every secret replaced by `***` (where forms
     * overlap, their whole extent). Linear in the text whatever the secrets: a
     * CSV may bring a thousand passwords, and a regular expression of that many
     * alternatives, or a naive search, can take seconds over a large document.
     */
    scrub = (text) => {
        if (this.values.size === 0 || text.length < MIN_SECRET)
            return text;
        const remember = text.length >= REMEMBER_FROM && text.length <= REMEMBER_LONGEST;
        if (!remember)
            return this.scan(text);
        const known = this.remembered.get(text);
        if (known !== undefined)
            return known;
        const scrubbed = this.scan(text);
        if (this.rememberedChars + text.length > REMEMBER_CHARS) {
            this.remembered.clear();
            this.rememberedChars = 0;
        }
        this.remembered.set(text, scrubbed);
        this.rememberedChars += text.length;
        return scrubbed;
    };
    /** How many texts are remembered (tests). */
    get rememberedTexts() {
        return this.remembered.size;
    }
    scan(text) {
        const spans = mergeSpans([...this.exact.spans(text), ...this.folded.spans(text)]);
        if (spans.length === 0)
            return text;
        const parts = [];
        let copied = 0;
        for (const [start, end] of spans) {
            parts.push(text.slice(copied, start), '***');
            copied = end;
        }
        parts.push(text.slice(copied));
        return parts.join('');
    }
}
/** Overlapping or touching spans as one, in order. */
function mergeSpans(spans) {
    spans.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span[0] <= last[1])
            last[1] = Math.max(last[1], span[1]);
        else
            merged.push([span[0], span[1]]);
    }
    return merged;
}

// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
// EXTERNAL MODULE: ./src/common/duration.ts
var duration = __webpack_require__(5541);
;// CONCATENATED MODULE: ./src/http/bounded.ts
// Every request's own deadline, cut to the time left before the run's hard
// stop: a re-login at the last poll, or a slow logout, cannot stretch the run.

function boundedTransport(transport, requestTimeoutMs, 
/** Milliseconds left before the hard stop. */
timeLeft, 
/** Called once, when the first request has been answered or has failed. */
onFirstAnswer) {
    let answered = false;
    return async (request, signal, timeoutMs = requestTimeoutMs) => {
        const left = Math.floor(timeLeft());
        if (left <= 0) {
            const what = `${request.method} ${request.url.pathname}`;
            throw new errors/* RequestFault */.ky('timeout', `${what}: no time left before the deadline`, false);
        }
        try {
            return await transport(request, signal, Math.min(timeoutMs, left));
        }
        finally {
            if (!answered) {
                answered = true;
                onFirstAnswer?.();
            }
        }
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/http/body-buffer.ts
// A response body read into one buffer. When the answer states its length
// within the bound, the buffer is that size from the start and every chunk is
// copied once into place (a 7.7 MiB job document is not held twice, as a list
// of chunks and their concatenation). Without a length, or with one past the
// bound (a hostile length never allocates up front), the chunks are kept as
// the socket handed them and joined once at the end, into a buffer of exactly
// their size: growing a buffer by doubling touched up to three times the
// body's size in fresh memory, and fresh pages are what reading a large body
// costs most (64 MiB: 180 ms of page faults on a runner-sized VM, 4 ms to
// fill again).
class BodyBuffer {
    maxBytes;
    /** The stated length's buffer, while the body fits it. */
    buffer;
    /** Chunks as received, when no buffer was allocated up front (or the body outgrew it). */
    chunks = [];
    size = 0;
    allocated = 0;
    /** `declared`: the answer's Content-Length, if it gave a valid one. */
    constructor(declared, maxBytes) {
        this.maxBytes = maxBytes;
        if (declared !== undefined && declared <= maxBytes) {
            this.buffer = Buffer.allocUnsafe(declared);
            this.allocated = declared;
        }
    }
    /** Appends `chunk`; false (and nothing kept) when the body would pass the bound. */
    add(chunk) {
        const needed = this.size + chunk.length;
        if (needed > this.maxBytes)
            return false;
        if (this.buffer && needed <= this.buffer.length) {
            chunk.copy(this.buffer, this.size);
        }
        else {
            // Longer than it said: what came so far is kept as the first chunk, and the rest as it comes.
            if (this.buffer)
                this.chunks.push(this.buffer.subarray(0, this.size));
            this.buffer = undefined;
            this.chunks.push(chunk);
        }
        this.size = needed;
        return true;
    }
    /** Bytes received so far. */
    get length() {
        return this.size;
    }
    /** Bytes this buffer allocated itself (tests: nothing up front without a trusted length). */
    get capacity() {
        return this.allocated;
    }
    /** The body: a view of the bytes received (every one of them written); chunks are joined once, then let go. */
    bytes() {
        if (this.buffer)
            return this.buffer.subarray(0, this.size);
        if (this.chunks.length === 0)
            return Buffer.alloc(0);
        if (this.chunks.length > 1) {
            this.chunks = [Buffer.concat(this.chunks, this.size)];
            this.allocated += this.size;
        }
        return this.chunks[0];
    }
}
/** A Content-Length header's value, when it is one non-negative integer. */
function declaredLength(header) {
    if (header === undefined || !/^\d{1,15}$/.test(header.trim()))
        return undefined;
    return Number(header.trim());
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/http/tls-verify.ts
// The TLS decision, made by us on the handshake's result and before a single
// byte of HTTP (and so any credential) is written. Node's own verification is
// not used to reject, because it cannot (a) trust the appliance's own leaf
// certificate when it was issued by a CA the user does not have, nor (b)
// enforce a pin when chain checks are off: with `rejectUnauthorized: false`
// Node ignores `checkServerIdentity`'s verdict.


function tlsPolicy(tls, host) {
    const trusted = new Set();
    for (const block of tls.ca?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
        trusted.add(new external_node_crypto_.X509Certificate(block).fingerprint256);
    }
    return {
        ca: tls.ca,
        insecure: tls.insecure,
        verifyName: tls.serverName ?? host,
        trustedCertificates: trusted,
        fingerprint: tls.fingerprint
    };
}
/** Undefined when the peer may be trusted; otherwise why not. */
function verifyPeer(peer, policy, nowMs = Date.now()) {
    const cert = peer.certificate;
    if (!cert || !cert.fingerprint256)
        return { problem: 'no-certificate', text: 'the server presented no certificate' };
    if (!policy.insecure) {
        const pinnedByCa = policy.trustedCertificates.has(cert.fingerprint256);
        if (!peer.chainVerified && !pinnedByCa)
            return chainRejection(peer.chainError ?? 'UNKNOWN', cert);
        // Trusted as itself, the leaf skipped OpenSSL's checks: its validity period is ours to check.
        if (!peer.chainVerified) {
            const expired = validityRejection(cert, nowMs);
            if (expired)
                return expired;
        }
        if ((0,external_node_tls_.checkServerIdentity)(policy.verifyName, cert)) {
            const names = cert.subjectaltname || cert.subject?.CN || 'nothing';
            return { problem: 'name', text: `the certificate does not name ${policy.verifyName} (it names ${names})` };
        }
    }
    if (policy.fingerprint && cert.fingerprint256 !== policy.fingerprint) {
        const text = `the certificate's SHA-256 fingerprint ${cert.fingerprint256} does not match tls-fingerprint`;
        return { problem: 'fingerprint', text };
    }
    return undefined;
}
function validityRejection(cert, nowMs) {
    const from = Date.parse(cert.valid_from);
    const to = Date.parse(cert.valid_to);
    const given = '(a certificate given as ca-certificate must be within its validity period)';
    const period = (rejection) => ({ ...rejection, text: `${rejection.text} ${given}` });
    if (Number.isFinite(to) && nowMs > to)
        return period(chainRejection('CERT_HAS_EXPIRED', cert));
    if (Number.isFinite(from) && nowMs < from)
        return period(chainRejection('CERT_NOT_YET_VALID', cert));
    if (!Number.isFinite(from) || !Number.isFinite(to))
        return { problem: 'unreadable-validity', text: `the certificate's validity period cannot be read ${given}` };
    return undefined;
}
/** OpenSSL's verdict on the chain, as a problem and a sentence. */
function chainRejection(code, cert) {
    switch (code) {
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
            return { problem: 'self-signed', text: 'the certificate is self-signed' };
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'UNABLE_TO_GET_ISSUER_CERT':
        case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
            return { problem: 'untrusted', text: `the certificate was issued by a CA that is not trusted (${code})` };
        case 'CERT_HAS_EXPIRED':
            return { problem: 'expired', text: `the certificate expired${cert?.valid_to ? ` on ${cert.valid_to}` : ''}` };
        case 'CERT_NOT_YET_VALID':
            return {
                problem: 'not-yet-valid',
                text: `the certificate is not valid yet${cert?.valid_from ? ` (from ${cert.valid_from})` : ''}`
            };
        default:
            return { problem: 'unverified', text: `the certificate could not be verified (${code})` };
    }
}

;// CONCATENATED MODULE: ./src/http/url.ts
// What the transport needs of a URL: the host as sockets and TLS want it, the
// port, and a proxy URL's credentials.
/** Host name without IPv6 brackets, as sockets and TLS want it. */
function bareHostname(url) {
    return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
function portOf(url) {
    if (url.port)
        return Number(url.port);
    return url.protocol === 'http:' ? 80 : 443;
}
/** A proxy URL's credentials, decoded, for Proxy-Authorization. */
function proxyCredentials(proxy) {
    if (!proxy.username && !proxy.password)
        return undefined;
    return { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) };
}

;// CONCATENATED MODULE: ./src/http/sockets.ts
// The connections under a request: TCP (directly, or through a CONNECT
// proxy), then TLS verified by tls-verify.ts before anything is written. Each
// step is abortable, and every socket error becomes a RequestFault.






/**
 * A promise that settles once, and on abort runs `stop` (which must release
 * the socket) and rejects with the abort reason.
 */
function abortable(signal, start) {
    return new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(signal.reason);
        let stop = () => undefined;
        const onAbort = () => {
            stop();
            reject(signal.reason);
        };
        const settle = (fn) => (arg) => {
            signal.removeEventListener('abort', onAbort);
            fn(arg);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        stop = start(settle(resolve), settle(reject));
    });
}
/** Name resolution said the host does not exist: asking again will not help. */
const PERMANENT_NETWORK_CODES = new Set(['ENOTFOUND']);
function networkFault(error, what, endpoint) {
    if (error instanceof errors/* RequestFault */.ky)
        return error;
    const code = error.code;
    const detail = code
        ? `${code === 'ENOTFOUND' ? 'host name not found' : (0,errors/* messageOf */.bD)(error)} (${code})`
        : (0,errors/* messageOf */.bD)(error);
    return new errors/* RequestFault */.ky('network', `${what}: ${detail}`, !PERMANENT_NETWORK_CODES.has(code ?? ''), {
        code,
        endpoint
    });
}
function connect(host, port, lookup, signal) {
    return abortable(signal, (resolve, reject) => {
        const socket = external_node_net_default().connect({ host, port, ...(lookup ? { lookup } : {}) });
        socket.once('connect', () => resolve(socket));
        socket.on('error', error => reject(networkFault(error, `cannot connect to ${host}:${port}`, `${host}:${port}`)));
        return () => socket.destroy();
    });
}
function tunnel(proxy, host, port, signal) {
    const target = `${external_node_net_default().isIPv6(host) ? `[${host}]` : host}:${port}`;
    const where = `proxy ${proxy.host}`;
    return abortable(signal, (resolve, reject) => {
        if (proxy.protocol !== 'http:') {
            reject(new errors/* RequestFault */.ky('proxy', `${where}: only http:// proxies are supported, got ${proxy.protocol}//`, false));
            return () => undefined;
        }
        const headers = { host: target };
        const credentials = proxyCredentials(proxy);
        if (credentials) {
            const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
            headers['proxy-authorization'] = `Basic ${token}`;
        }
        const request = external_node_http_default().request({
            host: bareHostname(proxy),
            port: portOf(proxy),
            method: 'CONNECT',
            path: target,
            headers,
            agent: false
        });
        request.once('connect', (response, socket, head) => {
            if (response.statusCode === 407) {
                socket.destroy();
                const fix = credentials ? 'the credentials in the proxy URL were refused' : 'put them in the proxy URL';
                const message = `${where} requires authentication (HTTP 407): ${fix} (http://user:password@host:port)`;
                reject(new errors/* RequestFault */.ky('proxy', message, false));
            }
            else if (response.statusCode !== 200) {
                socket.destroy();
                reject(new errors/* RequestFault */.ky('proxy', `${where} refused to connect to ${target} (HTTP ${response.statusCode})`, true));
            }
            else if (head.length > 0) {
                socket.destroy();
                reject(new errors/* RequestFault */.ky('proxy', `${where} sent data before the tunnel was open`, true));
            }
            else {
                resolve(socket);
            }
        });
        // The proxy, not the appliance, is what did not answer: its own fix (HTTPS_PROXY), and no first-run grace.
        request.on('error', error => {
            const fault = networkFault(error, `cannot reach ${where}`);
            reject(new errors/* RequestFault */.ky('proxy', fault.message, fault.retryable, { code: fault.code }));
        });
        request.end();
        return () => request.destroy();
    });
}
/** Whether a TLS handshake with the URL's host and port gets a server hello. Never throws. */
async function speaksTls(url, signal) {
    return new Promise(resolve => {
        if (signal.aborted)
            return resolve(false);
        const probe = external_node_tls_default().connect({ host: bareHostname(url), port: portOf(url), rejectUnauthorized: false });
        const finish = (answer) => {
            signal.removeEventListener('abort', abort);
            probe.destroy();
            resolve(answer);
        };
        const abort = () => finish(false);
        probe.once('secureConnect', () => finish(true));
        probe.on('error', () => finish(false));
        signal.addEventListener('abort', abort, { once: true });
    });
}
function startTls(socket, host, port, policy, signal) {
    return abortable(signal, (resolve, reject) => {
        const secure = external_node_tls_default().connect({
            socket,
            // SNI takes names only; an IP address is sent without SNI.
            servername: external_node_net_default().isIP(policy.verifyName) ? undefined : policy.verifyName,
            // `ca` replaces the system store for this connection only.
            ca: policy.ca,
            // We decide in verifyPeer, on the handshake result, before any write.
            rejectUnauthorized: false,
            checkServerIdentity: () => undefined,
            ALPNProtocols: ['http/1.1']
        });
        secure.once('secureConnect', () => {
            const problem = verifyPeer({
                chainVerified: secure.authorized,
                chainError: secure.authorizationError ? String(secure.authorizationError) : undefined,
                certificate: secure.getPeerCertificate()
            }, policy);
            if (problem) {
                secure.destroy();
                const message = `TLS verification of ${host}:${port} failed: ${problem.text}`;
                reject(new errors/* RequestFault */.ky('tls', message, false, { code: problem.problem, endpoint: `${host}:${port}` }));
            }
            else {
                resolve(secure);
            }
        });
        secure.on('error', error => {
            const code = error.code ?? '';
            if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
                reject(new errors/* RequestFault */.ky('tls', `TLS handshake with ${host}:${port} failed (${code})`, false, {
                    code: 'handshake',
                    endpoint: `${host}:${port}`
                }));
            }
            else {
                reject(networkFault(error, `TLS handshake with ${host}:${port}`));
            }
        });
        return () => secure.destroy();
    });
}

;// CONCATENATED MODULE: ./src/http/exchange.ts
// One HTTP exchange over a socket that is ready (its TLS already verified):
// the request, then the whole response, within the caller's deadline, read
// into one buffer (body-buffer.ts). A body cut off, or larger than the bound,
// is a transient fault.




function exchange(socket, request, maxBodyBytes, signal) {
    const url = request.url;
    const what = `${request.method} ${url.pathname}`;
    return abortable(signal, (resolve, reject) => {
        const headers = {
            accept: 'application/json',
            ...request.headers,
            host: url.host,
            connection: 'close'
        };
        const parts = request.body === undefined
            ? []
            : typeof request.body === 'string' || Buffer.isBuffer(request.body)
                ? [request.body]
                : request.body;
        if (request.body !== undefined)
            headers['content-length'] = String(parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0));
        const outgoing = external_node_http_default().request({
            method: request.method,
            path: url.pathname + url.search,
            headers,
            createConnection: () => socket
        });
        outgoing.on('error', error => reject(networkFault(error, what)));
        outgoing.once('response', response => {
            const declared = declaredLength(response.headers['content-length']);
            const body = new BodyBuffer(declared, maxBodyBytes);
            const tooLarge = () => {
                reject(new errors/* RequestFault */.ky('body', `${what}: the response is larger than ${maxBodyBytes} bytes`, true));
                response.destroy();
            };
            const truncated = () => reject(new errors/* RequestFault */.ky('body', `${what}: the response body was cut off after ${body.length} bytes`, true));
            // A stated length past the bound is refused before a byte of the body is read.
            if (declared !== undefined && declared > maxBodyBytes)
                return tooLarge();
            response.on('data', (chunk) => {
                if (!body.add(chunk))
                    tooLarge();
            });
            response.once('end', () => {
                if (!response.complete)
                    return truncated();
                resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body.bytes() });
            });
            response.on('error', truncated);
            response.once('close', () => {
                if (!response.complete)
                    truncated();
            });
        });
        for (const part of parts)
            outgoing.write(part);
        outgoing.end();
        return () => outgoing.destroy();
    });
}

;// CONCATENATED MODULE: ./src/http/transport.ts






const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
function createTransport(options) {
    const policies = new Map();
    const policyFor = (host) => {
        let policy = policies.get(host);
        if (!policy)
            policies.set(host, (policy = tlsPolicy(options.tls, host)));
        return policy;
    };
    return async (request, signal, timeoutMs = options.requestTimeoutMs) => {
        if (signal.aborted)
            throw cancelledFault();
        const deadline = new AbortController();
        const timeout = new errors/* RequestFault */.ky('timeout', `no complete response within ${(0,duration/* formatDuration */.a)(timeoutMs)} (request-timeout)`, true);
        const timer = setTimeout(() => deadline.abort(timeout), timeoutMs);
        const cancel = () => deadline.abort(cancelledFault());
        signal.addEventListener('abort', cancel, { once: true });
        // Until the request is handed to the socket, nothing of it can have reached the appliance.
        const progress = { sending: false };
        let socket;
        try {
            socket = await transport_open(request.url, options, policyFor, deadline.signal);
            progress.sending = true;
            return await exchange(socket, request, options.maxBodyBytes ?? DEFAULT_MAX_BODY, deadline.signal);
        }
        catch (error) {
            throw await explain(error, request, options, deadline.signal, progress.sending);
        }
        finally {
            clearTimeout(timer);
            signal.removeEventListener('abort', cancel);
            socket?.destroy();
        }
    };
}
/** TCP, through the proxy when there is one, then TLS verified: a socket ready for the request. */
async function transport_open(url, options, policyFor, signal) {
    const host = bareHostname(url);
    const port = portOf(url);
    const socket = options.proxy
        ? await tunnel(options.proxy, host, port, signal)
        : await connect(host, port, options.lookup, signal);
    return url.protocol === 'https:' ? startTls(socket, host, port, policyFor(host), signal) : socket;
}
/** The fault to report, saying whether the request may have been sent. */
async function explain(error, request, options, signal, sending) {
    if (!(error instanceof errors/* RequestFault */.ky))
        return error;
    // A TLS port hangs up on plain HTTP without a word: say so, rather than retry until the timeout.
    const plain = request.url.protocol === 'http:' && !options.proxy;
    if (plain && error.kind === 'network' && (await speaksTls(request.url, signal))) {
        const message = `${request.url.host} answered a plain http:// request with TLS`;
        return new errors/* RequestFault */.ky('tls', message, false, { sent: true, code: 'plain-to-tls', endpoint: request.url.host });
    }
    return error.with({ sent: sending });
}
function cancelledFault() {
    return new errors/* RequestFault */.ky('cancelled', 'the request was cancelled', false);
}

// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
;// CONCATENATED MODULE: ./src/lxca/inventory.ts
// The appliance's inventory of managed devices, as Lenovo's API mocks show it
// (lenovo/xclarity_client docs/apib: node, chassis, switches, storages):
// GET /nodes answers {"nodeList": [...]}, /chassis {"chassisList": [...]},
// /storages {"storageList": [...]}; the switches mock shows a bare object,
// so the wrapper is not trusted: a list is read as a bare array, or as an
// object whose one array property holds the devices. Anything else (no list
// to be told, several candidate lists, entries that are not objects, an
// answer that says it holds more devices than it lists) is not understood,
// and "not understood" never reads as "managed". Texts are kept short.

const INVENTORY_LISTS = ['nodes', 'chassis', 'switches', 'storages'];
/** What each device object needs, and no more: the answer stays small. */
const ATTRIBUTES = [
    'uuid',
    'name',
    'hostname',
    'type',
    'serialNumber',
    'machineType',
    'mgmtProcIPaddress',
    'ipv4Addresses',
    'ipv6Addresses',
    'dnsHostnames',
    'accessState',
    'status'
];
/** Fields that say how many devices a paged answer holds in all. */
const TOTAL_FIELDS = ['total', 'totalCount', 'count', 'totalRecords'];
/** Devices one list may hold: LXCA manages at most 1,000; far more is not an inventory we understand. */
const MAX_INVENTORY_DEVICES = 100_000;
const MAX_FIELD = 1_024;
/** GET /nodes?status=managed&includeAttributes=…: managed devices only, only the fields matched on. */
function inventoryUrl(baseUrl, list) {
    const url = new URL(`/${list}`, baseUrl);
    url.searchParams.set('status', 'managed');
    url.searchParams.set('includeAttributes', ATTRIBUTES.join(','));
    return url;
}
function parseInventory(raw, list) {
    const entries = listOf(raw);
    if (typeof entries === 'string')
        return { ok: false, problem: entries };
    if (entries.length > MAX_INVENTORY_DEVICES) {
        return { ok: false, problem: `it lists ${entries.length.toLocaleString('en-US')} devices` };
    }
    const devices = [];
    for (const [index, entry] of entries.entries()) {
        if (!(0,json/* isObject */.n)(entry))
            return { ok: false, problem: `entry ${index + 1} is not an object` };
        // Asked for managed devices only; one that says otherwise is not managed here.
        const status = (0,json/* isObject */.n)(entry.status) ? inventory_text(entry.status.name) : undefined;
        if (status !== undefined && status.toUpperCase() !== 'MANAGED')
            continue;
        devices.push(deviceOf(entry, list));
    }
    return { ok: true, devices };
}
/** The device entries, or why they cannot be told. */
function listOf(raw) {
    if (Array.isArray(raw))
        return raw;
    if (!(0,json/* isObject */.n)(raw))
        return 'it is not a list of devices';
    // The switches mock shows one bare device: which devices such an answer holds cannot be told.
    if ('uuid' in raw || 'accessState' in raw)
        return 'it is one device, not a list of devices';
    const lists = Object.entries(raw).filter(([, value]) => Array.isArray(value));
    if (lists.length !== 1) {
        return lists.length === 0 ? 'it holds no list of devices' : `it holds ${lists.length} lists, not one of devices`;
    }
    const entries = lists[0][1];
    const total = TOTAL_FIELDS.map(field => raw[field]).find(value => typeof value === 'number');
    if (typeof total === 'number' && total > entries.length) {
        return `it says it holds ${total} devices but lists ${entries.length} (a page of a longer list)`;
    }
    return entries;
}
function deviceOf(entry, list) {
    const dns = strings(entry.dnsHostnames);
    const hostname = inventory_text(entry.hostname);
    const looksLikeAddress = (value) => /^[\d.]+$/.test(value) || value.includes(':');
    return {
        list,
        uuid: inventory_text(entry.uuid),
        name: inventory_text(entry.name),
        hostname,
        type: inventory_text(entry.type),
        serialNumber: inventory_text(entry.serialNumber),
        machineType: inventory_text(entry.machineType),
        accessState: inventory_text(entry.accessState),
        addresses: [
            ...strings(entry.mgmtProcIPaddress).flatMap(value => value.split(/,\s*/)),
            ...strings(entry.ipv4Addresses),
            ...strings(entry.ipv6Addresses),
            ...dns.filter(looksLikeAddress)
        ],
        names: [...(hostname ? [hostname] : []), ...dns.filter(value => !looksLikeAddress(value))]
    };
}
/** A short, trimmed string field; undefined when absent or empty. */
function inventory_text(value) {
    if (typeof value !== 'string')
        return undefined;
    const trimmed = value.trim().slice(0, MAX_FIELD);
    return trimmed === '' ? undefined : trimmed;
}
/** A string or a list of strings, as the inventory writes addresses. */
function strings(value) {
    const values = Array.isArray(value) ? value : [value];
    return values.map(inventory_text).filter((item) => item !== undefined);
}

// EXTERNAL MODULE: ./src/lxca/job-ref.ts
var job_ref = __webpack_require__(2879);
;// CONCATENATED MODULE: ./src/lxca/messages.ts
// LXCA's answer shape for everything that is not a document:
//   {"result": "success"|"failed"|"warning"|"informational",
//    "messages": [{"id": "FQXHMDI0001L", "text": "…", "explanation": "…", "recovery": {"text": "…"}}]}
// Lenovo documents `recovery` as a list of {text, URL}; real answers and
// pylxca use one object: both are read. Message IDs end in their severity:
// I informational, F to J warning, K to N an error.


/** At most this many messages are read: the rest are noise for the reader. */
const MAX_MESSAGES = 50;
/** The body as LXCA's answer shape, or undefined when it is not one (HTML, plain text, other JSON). */
function lxcaMessageBody(body) {
    let parsed;
    try {
        parsed = JSON.parse((0,json/* bodyText */.G)(body));
    }
    catch {
        return undefined;
    }
    if (!(0,json/* isObject */.n)(parsed))
        return undefined;
    const { result, messages, errors } = parsed;
    const hasMessages = Array.isArray(messages) || Array.isArray(errors);
    if (typeof result !== 'string' && !hasMessages)
        return undefined;
    const read = [
        ...(Array.isArray(messages) ? messages.map(entry => messageOf(entry, undefined)) : []),
        ...(Array.isArray(errors) ? errors.map(entry => messageOf(entry, 'error')) : [])
    ];
    return {
        result: typeof result === 'string' ? result : undefined,
        messages: read.filter((message) => message !== undefined).slice(0, MAX_MESSAGES)
    };
}
/** How a `result` value reads: LXCA's words, in any case; anything else is not understood. */
function resultKind(result) {
    const word = result?.trim().toLowerCase() ?? '';
    if (word === 'success' || word === 'informational' || word === 'info')
        return 'success';
    if (word === 'warning' || word === 'warnings')
        return 'warning';
    if (['failed', 'failure', 'fail', 'error', 'errors', 'invalid'].includes(word))
        return 'failed';
    return 'unknown';
}
/** One message as a line: `FQXHMDI0202M: Line 3: the address is missing. Correct the file.` */
function messageLine(message) {
    return message.id ? `${message.id}: ${message.text}` : message.text;
}
function messageOf(entry, forced) {
    if (typeof entry === 'string') {
        return entry.trim() ? { text: entry.trim(), severity: forced ?? 'unknown' } : undefined;
    }
    if (!(0,json/* isObject */.n)(entry))
        return undefined;
    const id = typeof entry.id === 'string' && entry.id.trim() ? entry.id.trim() : undefined;
    const said = typeof entry.text === 'string' ? entry.text : typeof entry.message === 'string' ? entry.message : '';
    const recovery = recoveryOf(entry.recovery);
    const text = [said, recovery]
        .map(part => (0,common_text/* clause */.sb)(part.trim()))
        .filter(Boolean)
        .join('. ');
    if (!text && !id)
        return undefined;
    return { id, text: text ? `${text}.` : '(no text)', severity: forced ?? severityOf(id) };
}
/** `recovery` as one object or a list of them, each with `text`. */
function recoveryOf(value) {
    const entries = Array.isArray(value) ? value : [value];
    return entries
        .map(entry => ((0,json/* isObject */.n)(entry) && typeof entry.text === 'string' ? entry.text.trim() : ''))
        .filter(Boolean)
        .join(' ');
}
/** From the last letter of an LXCA message ID: `FQXHMDI0200I` informational, `…F`–`…J` warning, `…K`–`…N` error. */
function severityOf(id) {
    const letter = id && /^[A-Z][A-Z0-9]*[0-9][A-Z]$/i.test(id) ? id[id.length - 1].toUpperCase() : '';
    if (letter === 'I')
        return 'informational';
    if (letter >= 'F' && letter <= 'J')
        return 'warning';
    if (letter >= 'K' && letter <= 'N')
        return 'error';
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/lxca/responses.ts
// What an HTTP response means for us. One table decides which statuses are
// worth asking again (the appliance restarting, a proxy hiccup, rate limits)
// and which can never get better (wrong credentials, unknown job, redirects).
// Every piece of server text quoted in a message is scrubbed of secrets
// before it is cut (see excerpt).




/** Statuses that a later request may not see again. 501 and 505 are not among them. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
function isAuthRefusal(status) {
    return status === 401 || status === 403;
}
/**
 * Undefined for a 2xx; otherwise the fault, with the server's own message
 * (LXCA error bodies carry `messages[].text`) when it sent one.
 */
function statusFault(response, what, notFoundMessage, secrets) {
    const status = response.status;
    if (status >= 200 && status < 300)
        return undefined;
    const said = serverMessage(response, secrets);
    const detail = said ? `: ${(0,common_text/* clause */.sb)(said)}` : '';
    if (status >= 300 && status < 400) {
        const location = (0,common_text/* excerpt */.Kb)(headerValue(response, 'location') ?? '(no Location header)', 300, secrets);
        return new errors/* RequestFault */.ky('redirect', `${what}: the appliance redirected to ${location} (HTTP ${status})`, false, {
            status
        });
    }
    if (isAuthRefusal(status)) {
        return new errors/* RequestFault */.ky('auth', `${what}: the appliance refused the credentials (HTTP ${status})${detail}`, false, {
            status
        });
    }
    if (status === 404)
        return new errors/* RequestFault */.ky('not-found', `${notFoundMessage} (HTTP 404)${detail}`, false, { status: 404 });
    const retryable = RETRYABLE_STATUSES.has(status);
    return new errors/* RequestFault */.ky('http', `${what}: HTTP ${status}${detail}`, retryable, {
        retryAfter: retryable ? headerValue(response, 'retry-after') : undefined,
        status
    });
}
/** The parsed JSON body of a 2xx response; unusable bodies are transient faults. */
function jsonBody(response, what, secrets) {
    // A UTF-8 byte-order mark is not JSON, but some servers send one.
    const text = (0,json/* bodyText */.G)(response.body);
    // The status says the appliance answered: a first run that reached it is not a wrong address.
    const status = response.status;
    if (text.trim() === '')
        throw new errors/* RequestFault */.ky('body', `${what}: the response body is empty`, true, { status });
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* RequestFault */.ky('body', `${what}: the response is not JSON (${bodyExcerpt(response, secrets)})`, true, {
            status
        });
    }
}
/** `text/html, starts with "<html>…"`: what a body that is not what we expected looks like. */
function bodyExcerpt(response, secrets, max = 40) {
    const type = (0,common_text/* excerpt */.Kb)(headerValue(response, 'content-type') ?? 'no content type', 100, secrets);
    const text = (0,json/* bodyText */.G)(response.body).trim();
    return text === '' ? `${type}, empty` : `${type}, starts with "${(0,common_text/* excerpt */.Kb)(text, max, secrets)}"`;
}
function headerValue(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** LXCA's `{"messages":[{"text":…}]}`, a short plain-text body, or an HTML title. */
function serverMessage(response, secrets) {
    const text = response.body.toString('utf8', 0, Math.min(response.body.length, 64 * 1024)).trim();
    if (text === '')
        return undefined;
    const answer = lxcaMessageBody(response.body);
    if (answer) {
        const first = answer.messages.find(message => message.text !== '(no text)');
        return first ? (0,common_text/* excerpt */.Kb)(first.text, 300, secrets) : undefined;
    }
    if (/^[[{"]/.test(text))
        return undefined;
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
    if (title)
        return (0,common_text/* excerpt */.Kb)(decodeEntities(title[1]), 300, secrets);
    if (/^</.test(text))
        return undefined;
    return (0,common_text/* excerpt */.Kb)(text, 300, secrets);
}
/** An HTML title's text as plain text: the few entities a title holds. */
function decodeEntities(html) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
    return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name) => {
        if (name[0] !== '#')
            return named[name.toLowerCase()] ?? entity;
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
}

;// CONCATENATED MODULE: ./src/lxca/client.ts
// The LXCA API as this action uses it: get a job document or a list of the
// managed devices, and send a request once (the upload, see
// import/upload.ts). Each request carries the authenticator's credential and
// tells it whether the appliance accepted it; statuses become typed faults in
// responses.ts.




class LxcaClient {
    transport;
    baseUrl;
    auth;
    secrets;
    constructor(transport, baseUrl, auth, 
    /** Server text quoted in a fault is scrubbed before it is cut. */
    secrets) {
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.auth = auth;
        this.secrets = secrets;
    }
    /** The job document as JSON (not yet understood), and its bytes. Throws RequestFault. */
    getJob(job, signal) {
        const url = (0,job_ref/* jobUrl */.Ne)(this.baseUrl, job);
        return this.getJson(url, `GET ${(0,job_ref/* jobPath */.Jf)(job)}`, `job ${job.id} was not found at ${url.href}`, signal);
    }
    /** One list of the appliance's managed devices, as JSON (not yet understood). Throws RequestFault. */
    getInventory(list, signal) {
        const what = `GET /${list}`;
        const notFound = `the appliance has no device list at /${list}; is this an XClarity Administrator?`;
        return this.getJson(inventoryUrl(this.baseUrl, list), what, notFound, signal);
    }
    /** A GET whose answer is JSON: a refused session is renewed once, any other status a typed fault. */
    async getJson(url, what, notFound, signal) {
        const first = await this.send({ method: 'GET', url }, signal);
        let response = first.response;
        if (isAuthRefusal(response.status) && (await this.auth.renew(first.credential, signal))) {
            response = (await this.send({ method: 'GET', url }, signal)).response;
        }
        const fault = statusFault(response, what, notFound, this.secrets);
        if (fault)
            throw fault.kind === 'auth' ? fault.with({ code: this.auth.scheme }) : fault;
        return { document: jsonBody(response, what, this.secrets), body: response.body };
    }
    /**
     * One request with the credential, and the response as it came: never
     * sent twice, but for a refusal of the credentials (401/403) in session
     * mode, where the session expired: such a request was refused before the
     * appliance did anything with it, so it is sent once more with a new
     * session (Basic credentials cannot be renewed: the refusal stands). A
     * fault while logging in first is marked as not sent: the request itself
     * never left.
     */
    async sendOnce(request, signal) {
        const credential = await notSentIfFails(this.auth.credential(signal));
        const response = await this.sendWith(credential, request, signal);
        if (!isAuthRefusal(response.status) || !(await notSentIfFails(this.auth.renew(credential, signal))))
            return response;
        return this.sendWith(await notSentIfFails(this.auth.credential(signal)), request, signal);
    }
    /** How requests prove who we are: `basic` or `session`. */
    get scheme() {
        return this.auth.scheme;
    }
    /** Ends the session (session auth); bounded by `timeoutMs`, never throws. */
    close(signal, timeoutMs) {
        return this.auth.close(signal, timeoutMs);
    }
    async send(request, signal) {
        const credential = await this.auth.credential(signal);
        return { response: await this.sendWith(credential, request, signal), credential };
    }
    /** The request with the credential; an answer other than 401/403 proves the credential good. */
    async sendWith(credential, request, signal) {
        const response = await this.transport({ ...request, headers: { ...request.headers, ...credential.headers } }, signal);
        if (!isAuthRefusal(response.status))
            credential.accepted();
        return response;
    }
}
/** A login (or a renewal) that fails leaves the request unsent: it may be sent again without importing twice. */
async function notSentIfFails(login) {
    try {
        return await login;
    }
    catch (error) {
        throw error instanceof errors/* RequestFault */.ky ? error.with({ sent: false }) : error;
    }
}

;// CONCATENATED MODULE: ./src/outcome/deadline.ts
// The one deadline of a wait, computed once when it starts: the poller stops
// polling at `waitEndsAt`, every request (logins and the logout included) is
// cut at `hardStopAt`, and the reports say how long the wait was allowed.
function deadlineFrom(now, timeoutMs, requestTimeoutMs) {
    return { startedAt: now, timeoutMs, waitEndsAt: now + timeoutMs, hardStopAt: now + timeoutMs + requestTimeoutMs };
}

;// CONCATENATED MODULE: ./src/outcome/allowance.ts
function describeAllowance(allowance) {
    return 'count' in allowance ? String(allowance.count) : `${allowance.percent}%`;
}
/** Devices that may fail among `total`. */
function allowedOf(allowance, total) {
    return 'count' in allowance ? allowance.count : Math.floor((allowance.percent * total) / 100 + 1e-9);
}
/**
 * The excuse, when every job finished, some device (or row beside the jobs)
 * failed, and no more did not succeed than allowed.
 */
function excuseOf(jobs, allowance, beside = { ready: 0, failed: 0 }) {
    const measured = measureAllowance(jobs, allowance, beside);
    return measured?.within ? measured.excuse : undefined;
}
/**
 * How the failures of finished jobs measure against allowed-failures: within
 * (the run passes as `partial`) or more than allowed (the headline says so).
 * Undefined when no allowance was given, a job did not finish, or nothing failed.
 */
function measureAllowance(jobs, allowance, beside = { ready: 0, failed: 0 }) {
    if (!allowance)
        return undefined;
    if (!jobs.every(job => job.status === 'success' || job.status === 'failure'))
        return undefined;
    if (!jobs.some(job => job.status === 'failure') && beside.failed === 0)
        return undefined;
    let total = beside.ready + beside.failed;
    let notSucceeded = beside.failed;
    for (const job of jobs) {
        const notInJob = job.rows?.notInJob.length ?? 0;
        const assessment = job.seen?.assessment;
        total += (assessment?.devices.length ?? 0) + notInJob;
        notSucceeded += (assessment?.failed ?? 0) + notInJob;
    }
    const allowed = allowedOf(allowance, total);
    const given = 'count' in allowance ? describeAllowance(allowance) : `${describeAllowance(allowance)}: ${allowed}`;
    return { excuse: { given, allowed, notSucceeded, total }, within: notSucceeded <= allowed };
}

;// CONCATENATED MODULE: ./src/outcome/part-outcome.ts
/** Whether the part after this one may be uploaded (`go`), or why not. */
function nextPart(upload, job) {
    if (upload.validationOnly)
        return 'go';
    if (upload.status !== 'success' || !upload.job || !job)
        return 'stop';
    if (job.status !== 'success' && job.status !== 'failure')
        return 'stop';
    return (job.seen.document.progress ?? 0) >= 100 ? 'go' : 'unfinished';
}
/** What the parts add to the jobs' statuses: an upload that started no job, parts the deadline left out. */
function partStatuses(parts) {
    return parts.flatMap(part => {
        if (part.state === 'not uploaded') {
            if (part.because === 'deadline')
                return ['timeout'];
            return part.because === 'unfinished' ? ['error'] : [];
        }
        // An upload that started a job counts through its job; one that validated a file, as the success it is.
        return part.upload.status === 'success' ? [] : [part.upload.status];
    });
}

// EXTERNAL MODULE: ./src/outcome/status.ts
var outcome_status = __webpack_require__(3060);
;// CONCATENATED MODULE: ./src/outcome/gate-outcome.ts
// What a whole run ended in: the upload, if csv-file started one, every job
// waited on, what the appliance's inventory said (rows already managed, a
// list it could not read), with the one deadline the wait had; `partial` when
// the devices that did not succeed are within allowed-failures.



/**
 * The run's outcome: the upload's when it left no job to wait on, else the
 * worst of the jobs', and `partial` instead of `failure` when allowed-failures
 * excuses every device that did not succeed.
 */
/** The run's status when the inventory could not be used. */
const INVENTORY_TROUBLE = {
    fault: 'error',
    'not-understood': 'error',
    deadline: 'timeout',
    cancelled: 'cancelled'
};
function gateOutcome(jobs, upload, deadline, allowance, parts, inventory) {
    const base = { jobs, upload, deadline, ...(parts ? { parts } : {}), ...(inventory ? { inventory } : {}) };
    // Parts that started no job (an upload error, validation's verdicts, the deadline) count as much as jobs;
    // an inventory that could not be read is an error, never a success; a managed row not Online, a failure.
    const trouble = inventory?.problem ? [INVENTORY_TROUBLE[inventory.problem.kind]] : [];
    const beside = [...(parts ? partStatuses(parts) : []), ...trouble];
    const decides = inventory !== undefined && !inventory.planOnly;
    const rows = { ready: decides ? inventory.skipped.length : 0, failed: decides ? inventory.notOnline.length : 0 };
    const failedRows = rows.failed > 0 ? ['failure'] : [];
    if (jobs.length === 0 && upload && !parts)
        return { ...base, status: (0,outcome_status/* worstStatus */.A)([upload.status, ...beside, ...failedRows]) };
    const measured = (0,outcome_status/* worstStatus */.A)(beside) === 'success' ? measureAllowance(jobs, allowance, rows) : undefined;
    if (measured?.within)
        return { ...base, status: 'partial', excuse: measured.excuse };
    const status = (0,outcome_status/* worstStatus */.A)([...jobs.map(job => job.status), ...beside, ...failedRows]);
    return { ...base, status, ...(measured && status === 'failure' ? { overAllowance: measured.excuse } : {}) };
}

;// CONCATENATED MODULE: ./src/http/retry-wait.ts
// How long to wait before the next request, in one function for the poller
// and the upload. The first poll is at once, so a job that is already
// finished (or unknown) is seen at once; poll waits start at
// min(5 s, poll-interval) and grow ×1.5 up to poll-interval, as Google's
// long-running operations do; after transient faults the wait doubles from
// the current poll wait, capped at 4 × poll-interval; every wait carries
// ±20 % jitter so many runners do not poll in lock-step; a Retry-After the
// server sent is a lower bound. Whether a request may be sent again at all
// (the upload's never-twice rule) is the caller's question, not this one.
/** The schedule's numbers (see above). */
const SCHEDULE = { firstWaitMs: 5_000, growth: 1.5, retryCapFactor: 4, jitter: 0.2 };
/**
 * Milliseconds to wait before the next request. `random` is in [0, 1). The
 * caller cuts the wait at its deadline: an absurd Retry-After ends the wait
 * at the deadline instead of overflowing a timer.
 */
function nextWait(state, pollIntervalMs, random, wallNowMs) {
    const pollWaitMs = pollWait(Math.max(1, state.goodPolls), pollIntervalMs);
    if (state.faults === 0)
        return withJitter(pollWaitMs, random);
    const doubled = pollWaitMs * 2 ** Math.max(0, state.faults - 1);
    const cap = SCHEDULE.retryCapFactor * pollIntervalMs;
    const backoff = Math.min(cap, withJitter(Math.min(cap, doubled), random));
    return Math.max(backoff, parseRetryAfter(state.retryAfter, wallNowMs) ?? 0);
}
/** Wait before good poll number `n + 1` (n ≥ 1), before jitter. */
function pollWait(n, pollIntervalMs) {
    const first = Math.min(SCHEDULE.firstWaitMs, pollIntervalMs);
    return Math.min(pollIntervalMs, first * SCHEDULE.growth ** Math.max(0, n - 1));
}
/** ±20 %, from a random number in [0, 1). */
function withJitter(ms, random) {
    return ms * (1 - SCHEDULE.jitter + 2 * SCHEDULE.jitter * random);
}
/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable.
 */
function parseRetryAfter(value, wallNowMs) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    // An HTTP-date always names its month ("Fri, 27 Nov 2026 12:00:30 GMT").
    const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - wallNowMs);
}

;// CONCATENATED MODULE: ./src/lxca/document.ts
// The LXCA job document, parsed defensively. The server's JSON is untrusted:
// any field may be missing, null or of another type. Optional detail that is
// malformed is dropped; what the verdict depends on (the results list and
// each device's `result`) must be understood, or the whole document is
// reported as a problem and never judged. A device still at work may have no
// `result` yet; what a finished job without one means is the verdict's call.
// Nothing here recurses deeper than MAX_DEPTH, whatever the server nests.

/** How deep a substatus tree may nest before the rest is ignored (LXCA uses 2). */
const MAX_DEPTH = 16;
/**
 * Devices one document may list. LXCA manages at most 1,000 devices per
 * appliance (300 per CSV); a hundred times that still renders in about a
 * second, while millions of tiny entries would exhaust the runner's memory.
 */
const MAX_DEVICES = 100_000;
/** Characters kept of one text (a description, a user action): reports show far less, scrubbed first. */
const MAX_TEXT = 16_384;
function parseJob(raw) {
    if (!(0,json/* isObject */.n)(raw))
        return problem(`expected a JSON object, got ${describe(raw)}`);
    const progress = toProgress(raw.progress);
    const results = raw.results;
    if (results === undefined || results === null) {
        // A job that has just been created may not list its devices yet, but a
        // document with neither progress nor results is not a job document.
        if (progress === undefined)
            return problem('the document has neither "progress" nor "results"');
        return { ok: true, job: { progress: progress.value, status: document_text(raw.status), devices: [] } };
    }
    if (!Array.isArray(results))
        return problem(`"results" should be a list, got ${describe(results)}`);
    if (results.length > MAX_DEVICES) {
        const count = results.length.toLocaleString('en-US');
        const most = MAX_DEVICES.toLocaleString('en-US');
        return { ok: false, problem: `the job lists ${count} devices; at most ${most} are supported`, lasting: true };
    }
    const devices = [];
    for (const [index, entry] of results.entries()) {
        if (!(0,json/* isObject */.n)(entry))
            return problem(`results[${index}] should be an object, got ${describe(entry)}`);
        const result = entry.result;
        if (result !== undefined && result !== null && typeof result !== 'string') {
            return problem(`results[${index}].result should be a string, got ${describe(result)}`);
        }
        devices.push(parseDevice(entry, document_text(result) || undefined, index));
    }
    return { ok: true, job: { progress: progress?.value, status: document_text(raw.status), devices } };
}
function parseDevice(entry, result, index) {
    const status = (0,json/* isObject */.n)(entry.status) ? entry.status : {};
    const progress = toProgress(entry.progress);
    const uuid = document_text(entry.uuid);
    return {
        address: deviceAddress(entry.messageParameters ?? entry.messageAttributes) ?? uuid ?? `device #${index + 1}`,
        uuid,
        result,
        progress: progress?.value,
        done: progress?.done ?? false,
        shortDescription: document_text(entry.resultShortDescription),
        longDescription: document_text(entry.resultLongDescription),
        state: document_text(status.state),
        timeSpentMs: finite(entry.time_spent),
        taskId: finite(entry.taskid),
        steps: parseSteps(status.substatus, 1)
    };
}
function parseSteps(value, depth) {
    if (!Array.isArray(value) || depth > MAX_DEPTH)
        return [];
    return value.filter(json/* isObject */.n).map((node, index) => {
        const status = (0,json/* isObject */.n)(node.status) ? node.status : {};
        const id = document_text(node.id) ?? `step ${index + 1}`;
        return {
            id,
            label: document_text(node.shortDescription) ?? id,
            longDescription: document_text(node.longDescription),
            state: document_text(status.state),
            percentage: finite(status.percentage) ?? finite(node.progress),
            userAction: document_text(node.userAction)?.trim() || undefined,
            children: parseSteps(status.substatus, depth + 1)
        };
    });
}
/** `messageParameters` is a string or a list of strings in real documents. */
function deviceAddress(value) {
    if (typeof value === 'string')
        return document_text(value.trim()) || undefined;
    if (Array.isArray(value)) {
        const parts = value.filter((item) => typeof item === 'string' && item.trim() !== '');
        return parts.length > 0 ? document_text(parts.join(', ')) : undefined;
    }
    return undefined;
}
/** Progress as LXCA sends it: a number, a numeric string, or `JOB_DONE`. */
function toProgress(value) {
    if (value === 'JOB_DONE')
        return { value: 100, done: true };
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number))
        return undefined;
    return { value: number, done: number >= 100 };
}
function problem(message) {
    return { ok: false, problem: message };
}
/**
 * A string field, cut at MAX_TEXT characters (and copied, so that the cut
 * does not keep the whole string alive behind it): no report shows more than
 * a few kilobytes of one text, and ten parts' documents of 64 MiB each must
 * not stay in memory through their longest texts.
 */
function document_text(value) {
    if (typeof value !== 'string')
        return undefined;
    return value.length > MAX_TEXT ? `${Buffer.from(value.slice(0, MAX_TEXT), 'utf16le').toString('utf16le')}…` : value;
}
function finite(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    // A string's content is not quoted: it is the appliance's, and a cut could leave part of a secret.
    if (typeof value === 'string')
        return `a string of ${value.length.toLocaleString('en-US')} characters`;
    return `a ${typeof value}`;
}

// EXTERNAL MODULE: ./src/lxca/verdict.ts
var verdict = __webpack_require__(9225);
// EXTERNAL MODULE: ./src/outcome/reachability.ts
var reachability = __webpack_require__(4577);
;// CONCATENATED MODULE: ./src/common/identity.ts
// Who a device is, as a key that only the same device can have: its IP
// address (IPv4, or IPv6 in its one canonical spelling, whatever case,
// zeros or compression it was written with), its host name (whole, any
// case), its serial number (whole, any case) or its UUID (32 hex digits,
// dashes and braces aside). Keys of different kinds never meet: `rack1-node2`
// is not `rack1node2`, and a serial number is never compared with an
// address. A CSV row and a job document each say who a device is in their
// own way; rows.ts compares the keys.

const identity = (kind, value) => ({ kind, key: `${kind}:${value}` });
/** An IP address in its canonical form (IPv6 compressed, lower case), or undefined when `text` is not one. */
function canonicalIp(text) {
    const value = text.trim();
    // Most values are IPv4 addresses or host names: neither needs the IPv6 parser (every IPv6 address has a colon).
    if (!value.includes(':'))
        return (0,external_node_net_.isIPv4)(value) ? value : undefined;
    // A zone (`fe80::1%eth0`) is kept as written: it names the link, not the device.
    const [address, zone] = value.split('%', 2);
    const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
    const canonical = compressedIpv6(bare);
    if (canonical === undefined)
        return undefined;
    return zone === undefined ? canonical : `${canonical}%${zone.toLowerCase()}`;
}
/**
 * An IPv6 address as WHATWG URLs write it (RFC 5952: lower case, no leading
 * zeros, the first longest run of two or more zero groups as `::`), or
 * undefined when it is not one. By hand, one character at a time, because
 * an inventory holds thousands of addresses and a URL parse each costs
 * microseconds; an address with an embedded IPv4 part (`::ffff:10.0.0.1`),
 * rare, is left to the URL parser.
 */
function compressedIpv6(text) {
    if (text.includes('.'))
        return (0,external_node_net_.isIPv6)(text) ? new URL(`http://[${text}]/`).hostname.slice(1, -1) : undefined;
    const groups = parseIpv6Groups(text);
    if (!groups)
        return undefined;
    // The first longest run of at least two zero groups.
    let runStart = -1;
    let runLength = 1;
    for (let i = 0; i < 8;) {
        let end = i;
        while (end < 8 && groups[end] === 0)
            end += 1;
        if (end - i > runLength) {
            runStart = i;
            runLength = end - i;
        }
        i = end === i ? i + 1 : end;
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
        if (i === runStart) {
            out += '::';
            i += runLength - 1;
            continue;
        }
        if (out !== '' && !out.endsWith(':'))
            out += ':';
        out += groups[i].toString(16);
    }
    return out;
}
const COLON = 58;
/** The eight 16-bit groups of a hex-only IPv6 address, `::` expanded; undefined when it is not one. */
function parseIpv6Groups(text) {
    const groups = [];
    let gap = -1;
    let i = 0;
    const n = text.length;
    if (n >= 2 && text.charCodeAt(0) === COLON) {
        if (text.charCodeAt(1) !== COLON)
            return undefined;
        gap = 0;
        i = 2;
    }
    while (i < n) {
        let value = 0;
        let digits = 0;
        for (; i < n && digits <= 4; i++, digits++) {
            const digit = hexDigit(text.charCodeAt(i));
            if (digit < 0)
                break;
            value = value * 16 + digit;
        }
        if (digits === 0 || digits > 4 || groups.length === 8)
            return undefined;
        groups.push(value);
        if (i === n)
            break;
        if (text.charCodeAt(i) !== COLON || i + 1 === n)
            return undefined;
        i += 1;
        if (text.charCodeAt(i) === COLON) {
            if (gap >= 0)
                return undefined;
            gap = groups.length;
            i += 1;
        }
    }
    if (gap < 0)
        return groups.length === 8 ? groups : undefined;
    if (groups.length > 7)
        return undefined;
    groups.splice(gap, 0, ...Array(8 - groups.length).fill(0));
    return groups;
}
function hexDigit(code) {
    if (code >= 48 && code <= 57)
        return code - 48;
    if (code >= 97 && code <= 102)
        return code - 87;
    if (code >= 65 && code <= 70)
        return code - 55;
    return -1;
}
/** 32 hex digits once dashes and braces are gone, lower case; undefined when `text` is not a UUID. */
function canonicalUuid(text) {
    const bare = text.trim().replace(/[-{}]/g, '').toLowerCase();
    return /^[0-9a-f]{32}$/.test(bare) ? bare : undefined;
}
/** A host name as compared: whole, in lower case, without a trailing dot. */
function canonicalHost(text) {
    const value = text.trim().toLowerCase();
    return value.endsWith('.') ? value.slice(0, -1) : value;
}
/** A serial number as compared: whole, in lower case. */
function canonicalSerial(text) {
    return text.trim().toLowerCase();
}
/** What an address cell of a CSV names: an IP address, else a host name. */
function addressIdentity(text) {
    const value = text.trim();
    if (value === '')
        return undefined;
    const ip = canonicalIp(value);
    return ip === undefined ? identity('host', canonicalHost(value)) : identity('ip', ip);
}
function serialIdentity(text) {
    const value = canonicalSerial(text);
    return value === '' ? undefined : identity('serial', value);
}
/** A UUID cell: the UUID, or (not a UUID's form) the value whole, which only the same text matches. */
function uuidIdentity(text) {
    const value = text.trim();
    if (value === '')
        return undefined;
    return identity('uuid', canonicalUuid(value) ?? value.toLowerCase());
}
/**
 * What a job document says of a device: `messageParameters` (one value or
 * several, comma-separated) names it by its IP address if LXCA knows it, else
 * by its serial number, else by its UUID; and the device's own `uuid`. A
 * value that is neither an address nor a UUID may be a serial number or a
 * host name: it stands for both, each compared whole.
 */
function reportedIdentities(address, uuid) {
    const found = [];
    for (const part of address.split(/,\s*/)) {
        const value = part.trim();
        if (value === '')
            continue;
        const ip = canonicalIp(value);
        const asUuid = canonicalUuid(value);
        if (ip !== undefined)
            found.push(identity('ip', ip));
        else if (asUuid !== undefined)
            found.push(identity('uuid', asUuid));
        else
            found.push(identity('serial', canonicalSerial(value)), identity('host', canonicalHost(value)));
    }
    const own = uuid === undefined ? undefined : canonicalUuid(uuid);
    if (own !== undefined)
        found.push(identity('uuid', own));
    return found;
}

;// CONCATENATED MODULE: ./src/outcome/rows.ts

function rowIndex(sources) {
    const index = new Map();
    for (const source of sources) {
        for (const row of source.rows) {
            for (const { key } of row.identities) {
                const rows = index.get(key);
                if (rows)
                    rows.push({ source, row });
                else
                    index.set(key, [{ source, row }]);
            }
        }
    }
    return index;
}
/** Each device's row, and what is left over on either side. `all`: every part's rows (none but this one's by default). */
function traceRows(source, devices, all = new Map()) {
    const own = rowIndex([source]);
    const reported = devices.map(device => reportedIdentities(device.address, device.uuid));
    const rowKinds = kindsOf(source.rows.flatMap(row => row.identities));
    const jobKinds = kindsOf(reported.flat());
    const claimed = new Set();
    const rowOf = new Map();
    const foreign = [];
    const left = [];
    devices.forEach((device, i) => {
        const keys = reported[i].map(item => item.key);
        const row = keys.flatMap(key => own.get(key) ?? []).find(candidate => !claimed.has(candidate.row))?.row;
        if (row) {
            claimed.add(row);
            rowOf.set(device, row);
            return;
        }
        const other = keys.flatMap(key => all.get(key) ?? []).find(candidate => candidate.source !== source);
        if (other)
            foreign.push({ device, elsewhere: { path: other.source.path, line: other.row.line } });
        else
            left.push({ device, comparable: reported[i].some(item => rowKinds.has(item.kind)) });
    });
    const unclaimed = source.rows.filter(row => !claimed.has(row));
    const comparable = (row) => row.identities.some(item => jobKinds.has(item.kind));
    const notInJob = unclaimed.filter(comparable);
    const uncomparable = unclaimed.filter(row => !comparable(row));
    // With no row left that a device could stand for, a device the rows could have named is of no part.
    if (uncomparable.length === 0)
        foreign.push(...left.filter(item => item.comparable).map(({ device }) => ({ device })));
    const pool = left.map(({ device }) => device);
    const counted = foreign.length === 0 && uncomparable.length > 0 && pool.length >= uncomparable.length;
    return {
        source,
        rowOf,
        notInJob: counted ? notInJob : unclaimed,
        byCount: counted ? uncomparable : [],
        countedDevices: counted ? pool : [],
        foreign
    };
}
function kindsOf(identities) {
    return new Set(identities.map(item => item.kind));
}

;// CONCATENATED MODULE: ./src/outcome/job-outcome.ts


function factsOf(fault) {
    const { kind, message, status, code, endpoint } = fault;
    return { kind, message, httpStatus: status, ...(code ? { code } : {}), ...(endpoint ? { endpoint } : {}) };
}
/** After a document was understood: how the wait ends, or undefined while the job runs. */
function afterDocument(assessment) {
    switch (assessment.verdict) {
        case 'running':
            return undefined;
        case 'success':
        case 'failure':
            return { status: assessment.verdict };
        case 'empty':
            return { status: 'error', cause: { kind: 'empty' } };
        case 'unreported':
            return { status: 'error', cause: { kind: 'unreported', devices: assessment.unreported } };
    }
}
/**
 * After a request failed (`consecutive` faults in a row, this one included;
 * nothing has answered at the address for `silentForMs`, when that is the
 * question): how the wait ends, or undefined to retry.
 */
function afterFault(fault, consecutive, maxRetries, silentForMs) {
    if (!fault.retryable)
        return { status: 'error', cause: { kind: 'fault', fault: factsOf(fault) } };
    if (silentForMs !== undefined && silentForMs >= reachability/* UNREACHABLE_GRACE_MS */.j_) {
        return {
            status: 'error',
            cause: { kind: 'unreachable', fault: factsOf(fault), count: consecutive, forMs: silentForMs }
        };
    }
    if (consecutive > maxRetries) {
        return { status: 'error', cause: { kind: 'retries', fault: factsOf(fault), count: consecutive, maxRetries } };
    }
    return undefined;
}
/** The deadline passed: timeout if the job was seen running, error if no document was ever understood. */
function atDeadline(seen, lastFault) {
    if (!seen)
        return { status: 'error', cause: { kind: 'never-understood', lastFault } };
    return { status: 'timeout', lastFault };
}
/** The outcome of a wait that ended so, with what it saw. A success, failure or timeout always saw the job. */
function outcomeOfWait(ending, facts) {
    const { job, wait, seen, reported } = facts;
    const base = { job, wait, ...(reported ? { reported } : {}) };
    switch (ending.status) {
        case 'cancelled':
            return { ...base, status: 'cancelled', seen };
        case 'error':
            return { ...base, status: 'error', cause: ending.cause, seen };
        case 'timeout':
            return { ...base, status: 'timeout', seen: seenOf(seen, ending.status), lastFault: ending.lastFault };
        case 'success':
        case 'failure':
            return { ...base, status: ending.status, seen: seenOf(seen, ending.status) };
    }
}
function seenOf(seen, status) {
    if (!seen)
        throw new Error(`a ${status} needs a document that was understood`);
    return seen;
}
/**
 * The job's outcome, with the rows of the CSV part that started it (`all`:
 * every part's rows). Every row must be accounted for: a job that succeeded
 * for every device it lists, but does not list a server of the part, did not
 * manage it (a failure); a job that lists a device of another part, or of no
 * part, is not understood (an error), whatever it says of its devices.
 */
function withSource(outcome, source, all) {
    if (!outcome.seen)
        return { ...outcome, source };
    const rows = traceRows(source, outcome.seen.document.devices, all);
    if (rows.foreign.length > 0 && outcome.status !== 'cancelled' && outcome.status !== 'error') {
        const { job, wait, reported, seen } = outcome;
        const cause = { kind: 'foreign', devices: rows.foreign };
        return { job, wait, ...(reported ? { reported } : {}), status: 'error', cause, seen, source, rows };
    }
    if (outcome.status === 'success' && rows.notInJob.length > 0)
        return { ...outcome, status: 'failure', source, rows };
    return { ...outcome, source, rows };
}

;// CONCATENATED MODULE: ./src/poll/poller.ts






async function pollJob(options) {
    const { clock, signal, deadline } = options;
    const run = new PollRun(options);
    if (options.startDelayMs) {
        await clock.sleep(Math.min(options.startDelayMs, deadline.waitEndsAt - clock.now()), signal);
    }
    for (;;) {
        if (signal.aborted)
            return run.finish({ status: 'cancelled' });
        const step = await run.pollOnce();
        if ('end' in step)
            return run.finish(run.held(step.end));
        const remaining = deadline.waitEndsAt - clock.now();
        if (remaining <= 0)
            return run.finish(run.held(atDeadline(run.seen, run.lastFault)));
        // The last wait ends at the deadline, and one last poll follows it.
        await clock.sleep(Math.min(step.waitMs, remaining), signal);
    }
}
/** The state of one wait: counters, the last document and the last problem. */
class PollRun {
    options;
    seen;
    lastFault;
    startedAt;
    polls = 0;
    retries = 0;
    consecutiveFaults = 0;
    goodPolls = 0;
    body;
    reach = new reachability/* Reachability */.eb();
    /** The verdict, reached while the job has not yet reported progress 100 (untilComplete). */
    verdict;
    constructor(options) {
        this.options = options;
        this.startedAt = options.clock.now();
    }
    finish(ending) {
        const { polls, retries, seen, body } = this;
        const wait = { polls, retries, elapsedMs: this.options.clock.now() - this.startedAt };
        if (body)
            this.options.onLastBody?.(body);
        this.body = undefined;
        return outcomeOfWait(ending, { job: this.options.job, wait, seen, reported: body !== undefined });
    }
    /** How the wait ends: once the verdict is known, by it, however the hold for progress 100 ended (but a cancellation). */
    held(ending) {
        return this.verdict && ending.status !== 'cancelled' ? this.verdict : ending;
    }
    async pollOnce() {
        const { options } = this;
        this.polls += 1;
        try {
            const fetched = await options.fetchJob(options.signal);
            this.body = fetched.body;
            return this.understood(fetched.document);
        }
        catch (error) {
            if (options.signal.aborted)
                return { end: { status: 'cancelled' } };
            if (!(error instanceof errors/* RequestFault */.ky))
                throw error;
            return this.failed(error);
        }
    }
    understood(raw) {
        const parsed = parseJob(raw);
        if (!parsed.ok)
            throw new errors/* RequestFault */.ky('shape', `the job document was not understood: ${parsed.problem}`, !parsed.lasting);
        const { options } = this;
        const assessment = (0,verdict/* assess */.no)(parsed.job, options.successResults);
        const end = afterDocument(assessment);
        // While holding for progress 100, only a document with a verdict replaces the one the verdict rests on.
        if (end || !this.verdict)
            this.seen = { document: parsed.job, assessment };
        this.consecutiveFaults = 0;
        this.lastFault = undefined;
        this.goodPolls += 1;
        this.reach.heard();
        options.onUpdate?.(parsed.job, assessment);
        if (end && (!options.untilComplete || (parsed.job.progress ?? 0) >= 100))
            return { end };
        if (end) {
            if (!this.verdict)
                options.onHold?.(assessment);
            this.verdict = end;
        }
        const waitMs = nextWait({ goodPolls: this.goodPolls, faults: 0 }, options.pollIntervalMs, options.random(), 0);
        return { waitMs };
    }
    failed(fault) {
        const { options } = this;
        this.consecutiveFaults += 1;
        this.lastFault = factsOf(fault);
        const silentFor = this.reach.silentFor(fault, options.clock.now());
        const end = afterFault(fault, this.consecutiveFaults, options.maxRetries, silentFor);
        if (end)
            return { end };
        this.retries += 1;
        const state = { goodPolls: this.goodPolls, faults: this.consecutiveFaults, retryAfter: fault.retryAfter };
        const waitMs = nextWait(state, options.pollIntervalMs, options.random(), options.clock.wallNow());
        options.onRetry?.(fault, this.consecutiveFaults, waitMs);
        return { waitMs };
    }
}

;// CONCATENATED MODULE: ./src/poll/progress-log.ts
// What the log says while a job runs: one line per change, whatever the
// job's size, read like a good CI tool's. Failures come first and are named;
// then what finished since the last line, what is still running and the step
// most of it is at: `Job progress 46% · 3 failed (10.0.0.3 at Login, …) ·
// +47 succeeded · 950 running · 400 at Configuration › NTP`. Device-by-device
// lines go to debug only. While nothing changes, one heartbeat for the whole
// run (a sequence of parts included) says every few minutes that the wait is
// alive and how long it may still last.



/** Device lines per poll under debug. */
const MAX_DEVICE_LINES = 50;
/** Newly failed devices named in a progress line. */
const NAMED_FAILURES = 3;
/** A silent log for this long gets a heartbeat. */
const HEARTBEAT_MS = 5 * 60_000;
function createHeartbeat(now, deadline) {
    return { now, deadline, lastLineAt: now() };
}
const count = common_text/* thousands */.oh;
/** `secrets`: server text is scrubbed before a line is cut. */
function createChangeLog(secrets, heartbeat) {
    let lastState;
    let reported = { succeeded: 0, failed: 0 };
    const failedBefore = new Set();
    const lastDevice = new Map();
    const keyOf = (item, index) => item.device.uuid ?? `${item.device.address}#${index}`;
    const progressLine = (assessment) => {
        const newlyFailed = [];
        assessment.devices.forEach((item, index) => {
            if (item.state !== 'failed')
                return;
            const key = keyOf(item, index);
            if (!failedBefore.has(key))
                newlyFailed.push(item);
            failedBefore.add(key);
        });
        const atStep = busiestStep(assessment);
        const state = `${(0,common_text/* percent */.KN)(assessment.progress)}|${assessment.succeeded}|${assessment.failed}|${assessment.pending}|${atStep?.label}|${atStep?.devices}`;
        if (state === lastState)
            return undefined;
        lastState = state;
        const line = progressWords(assessment, reported, newlyFailed, atStep);
        reported = { succeeded: assessment.succeeded, failed: assessment.failed };
        return (0,common_text/* excerpt */.Kb)(line, 400, secrets);
    };
    const deviceLines = (assessment) => {
        const changed = [];
        assessment.devices.forEach((item, index) => {
            const key = keyOf(item, index);
            const line = describeDevice(item, secrets);
            if (lastDevice.get(key) !== line)
                changed.push(line);
            lastDevice.set(key, line);
        });
        const shown = changed.slice(0, MAX_DEVICE_LINES);
        if (changed.length > shown.length)
            shown.push(`… and ${count(changed.length - shown.length)} more devices changed`);
        return shown;
    };
    return assessment => {
        const line = progressLine(assessment);
        const info = line ? [line] : [];
        const debug = deviceLines(assessment);
        if (!heartbeat)
            return { info, debug };
        const now = heartbeat.now();
        if (info.length === 0 && now - heartbeat.lastLineAt >= HEARTBEAT_MS) {
            const deadline = heartbeat.deadline();
            const done = assessment.succeeded + assessment.failed;
            const left = Math.max(0, deadline.waitEndsAt - now);
            info.push(`Still waiting: ${(0,common_text/* percent */.KN)(assessment.progress)} · ${count(done)} of ${count(assessment.devices.length)} devices done · ` +
                `${(0,duration/* formatDuration */.a)(now - deadline.startedAt)} elapsed · ${(0,duration/* formatDuration */.a)(left)} left before the timeout`);
        }
        if (info.length > 0)
            heartbeat.lastLineAt = now;
        return { info, debug };
    };
}
/** The progress line: what failed since `before` (named), what succeeded, what still runs and where. */
function progressWords(assessment, before, newlyFailed, atStep) {
    const parts = [`Job progress ${(0,common_text/* percent */.KN)(assessment.progress)}`];
    const failed = Math.max(0, assessment.failed - before.failed);
    if (failed > 0) {
        const named = newlyFailed.slice(0, NAMED_FAILURES).map(item => failureName(item));
        const more = failed > named.length ? `, +${count(failed - named.length)}` : '';
        parts.push(`${count(failed)} failed (${named.join(', ')}${more})`);
    }
    const succeeded = Math.max(0, assessment.succeeded - before.succeeded);
    if (succeeded > 0)
        parts.push(`+${count(succeeded)} succeeded`);
    if (assessment.pending > 0) {
        parts.push(`${count(assessment.pending)} running`);
        if (atStep)
            parts.push(`${count(atStep.devices)} at ${atStep.label}`);
    }
    else {
        const { succeeded: ok, failed: bad } = assessment;
        // Failures first, even in the closing count (none is said as none).
        const tally = bad > 0 ? `${count(bad)} failed, ${count(ok)} succeeded` : `${count(ok)} succeeded`;
        parts.push(`all ${count(assessment.devices.length)} done: ${tally}`);
    }
    return parts.join(' · ');
}
/** The step most unfinished devices are at, and how many: `400 at Configuration › NTP`. */
function busiestStep(assessment) {
    const at = new Map();
    for (const item of assessment.devices) {
        if (item.state !== 'pending')
            continue;
        const label = (0,verdict/* stepPathLabel */.o2)(item.stepPath);
        if (label)
            at.set(label, (at.get(label) ?? 0) + 1);
    }
    let best;
    for (const [label, devices] of at)
        if (!best || devices > best.devices)
            best = { label, devices };
    return best;
}
/** `10.0.0.3 at Login` (the result when there is no step). */
function failureName(item) {
    const step = (0,verdict/* stepPathLabel */.o2)(item.stepPath);
    return `${item.device.address} ${step ? `at ${step}` : item.device.result}`;
}
// Server text is made one line (no injected log lines), and every line starts
// with our own "- ", so a device named `::warning::…` cannot become a
// workflow command (the runner trims leading spaces before looking for `::`).
function describeDevice(item, secrets) {
    const { device, state, stepPath } = item;
    const step = (0,verdict/* stepPathLabel */.o2)(stepPath);
    let status;
    if (state === 'pending')
        status = step ? `${step} (${stepPath[stepPath.length - 1].state ?? 'unknown state'})` : 'waiting';
    else
        status = `${device.result}${state === 'failed' && step ? ` at ${step}` : ''}`;
    return `  - ${(0,common_text/* excerpt */.Kb)(`${device.address}: ${status}`, 300, secrets)}`;
}

;// CONCATENATED MODULE: ./src/gate/gate-deps.ts
/** A log that notes when it last wrote a line, for the run's one heartbeat (poll/progress-log.ts). */
function notingLog(log, noted, now) {
    return {
        info: message => {
            noted(now());
            log.info(message);
        },
        warning: (message, title) => {
            noted(now());
            log.warning(message, title);
        },
        debug: message => log.debug(message),
        group: (name, body) => log.group(name, body)
    };
}

;// CONCATENATED MODULE: ./src/lxca/auth.ts
// How requests prove who we are. Basic sends the credentials on every
// request; a session logs in once (POST /sessions), then sends the cookie and
// the CSRF token, logs in again when a session that has worked expires, and
// logs out at the end. Several jobs polled at once share one session, so a
// login in flight is shared and an expiry seen by two requests renews once.
// Every secret it creates is added to the run's secrets before it can reach a log.


function basicAuth(credentials, secrets) {
    const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    secrets.add(token);
    const credential = { headers: { authorization: `Basic ${token}` }, accepted: () => undefined };
    return {
        scheme: 'basic',
        credential: async () => credential,
        renew: async () => false,
        close: async () => undefined
    };
}
function sessionAuth(credentials, deps) {
    const url = new URL('/sessions', deps.baseUrl);
    /** The session being used, or being logged in. */
    let current;
    /** The session `current` resolved to; undefined while a login is in flight. */
    let latest;
    /** Starts a login that every caller shares; a failed login is forgotten so the next poll may try again. */
    const startLogin = (signal) => {
        latest = undefined;
        const attempt = login(credentials, url, deps, signal).then(session => (latest = session));
        current = attempt;
        attempt.catch(() => {
            if (current === attempt)
                current = undefined;
        });
        return attempt;
    };
    return {
        scheme: 'session',
        async credential(signal) {
            const session = await (current ?? startLogin(signal));
            const credential = {
                session,
                headers: sessionHeaders(session),
                accepted: () => (session.proven = true)
            };
            return credential;
        },
        async renew(refused, signal) {
            const refusedSession = refused.session;
            // Another request already replaced the session, or is replacing it: try again with that one.
            if (latest !== refusedSession && current !== undefined)
                return true;
            // Refused before it ever worked: the login itself is not accepted, and logging in again would only hammer the account.
            if (!refusedSession.proven)
                return false;
            await startLogin(signal);
            return true;
        },
        async close(signal, timeoutMs) {
            const session = latest;
            current = undefined;
            latest = undefined;
            if (!session)
                return;
            try {
                await deps.transport({ method: 'DELETE', url, headers: sessionHeaders(session) }, signal, timeoutMs);
            }
            catch {
                // Logging out is a courtesy; the session expires on its own.
            }
        }
    };
}
/** POST /sessions; the session's own tokens become secrets before anything can print them. */
async function login(credentials, url, deps, signal) {
    deps.onLogin?.();
    const body = JSON.stringify({ UserId: credentials.username, password: credentials.password });
    const response = await deps.transport({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body }, signal);
    const what = 'login (POST /sessions)';
    const notFound = `${what}: ${url.href} does not exist; is this an XClarity Administrator?`;
    const fault = statusFault(response, what, notFound, deps.secrets);
    if (fault) {
        throw isAuthRefusal(response.status)
            ? new errors/* RequestFault */.ky('auth', fault.message, false, { status: response.status, code: 'session' })
            : fault;
    }
    const cookies = parseSetCookie(response.headers['set-cookie'] ?? []);
    const named = (test) => [...cookies].find(([name]) => test(name.toLowerCase()))?.[1];
    // Only the session's own tokens are secrets: masking every cookie value
    // (`user=admin`, `inactivityTimeout=1`) would blank common words in every later log line.
    const session = named(name => name === 'jsessionid') ?? named(name => name.includes('session')) ?? named(name => name !== 'csrf');
    if (!session)
        throw new errors/* RequestFault */.ky('auth', `${what}: the appliance set no session cookie`, false);
    deps.secrets.add(session);
    const csrf = named(name => name === 'csrf') ?? headerValue(response, 'x-csrf-token');
    if (csrf)
        deps.secrets.add(csrf);
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { cookie, csrf, proven: false };
}
function sessionHeaders(session) {
    return {
        cookie: session.cookie,
        ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}),
        // Lenovo asks scripts to mark their polling so it does not count as user activity.
        'x-not-user-input': 'checkSession'
    };
}
function parseSetCookie(values) {
    const cookies = new Map();
    for (const line of values) {
        const pair = line.split(';', 1)[0];
        const equals = pair.indexOf('=');
        if (equals <= 0)
            continue;
        cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    return cookies;
}

;// CONCATENATED MODULE: ./src/gate/gate-setup.ts
// What the engine sets up before it asks anything: the TLS warning, the
// secrets it knows from the settings, and how requests prove who we are.



function authenticator(settings, transport, secrets, log) {
    const credentials = { username: settings.username, password: settings.password };
    if (settings.authMethod === 'basic')
        return basicAuth(credentials, secrets);
    return sessionAuth(credentials, {
        transport,
        baseUrl: settings.baseUrl,
        secrets,
        onLogin: () => log.debug('Logging in (POST /sessions)')
    });
}
function warnIfInsecure(settings, log) {
    if (!settings.tls.insecure)
        return;
    log.warning(settings.tls.fingerprint
        ? 'insecure-skip-tls-verify is on: the certificate chain and name are not verified; only the tls-fingerprint pin protects the credentials.'
        : "insecure-skip-tls-verify is on: the appliance's certificate is not verified, so anyone on the network path can read the credentials. Set ca-certificate or tls-fingerprint instead.", 'TLS verification is off');
}
/** The secrets the settings bring: the CSV's credential cells, and the proxy password (raw, decoded, as a token). */
function addSettingsSecrets(settings, secrets) {
    for (const secret of settings.upload?.files.flatMap(file => file.secrets) ?? [])
        secrets.add(secret);
    const proxy = settings.proxy;
    if (!proxy?.password)
        return;
    secrets.add(proxy.password);
    try {
        const password = decodeURIComponent(proxy.password);
        secrets.add(password);
        secrets.add(Buffer.from(`${decodeURIComponent(proxy.username)}:${password}`).toString('base64'));
    }
    catch {
        // Settings refuse a password that does not decode; nothing more to mask.
    }
}
/** The first line of a wait: what is waited for, how long, how often, how. */
function startLine(settings, jobs) {
    const { baseUrl } = settings;
    const what = jobs.length > 1 ? `${jobs.length} jobs on ${baseUrl.host}` : (0,job_ref/* jobUrl */.Ne)(baseUrl, jobs[0]).href;
    return (`Waiting for ${what}: timeout ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}, ` +
        `poll interval up to ${(0,duration/* formatDuration */.a)(settings.pollIntervalMs)}, ${settings.authMethod} authentication` +
        (settings.proxy ? `, through proxy ${settings.proxy.host}` : ''));
}

;// CONCATENATED MODULE: ./src/import/csv-parts.ts
// LXCA takes at most 300 devices per bulk-import file, and asks that one
// management job finish before the next starts. So the files of csv-file are
// cut into parts of at most 300 device rows, in file order, each with its
// file's byte-order mark and header line, and imported one at a time. A part
// keeps its rows' lines in the file, so every report (and the appliance's own
// "Line N", mapped back) names the line the user wrote.

/** LXCA's limit of devices per bulk-import file. */
const MAX_PART_ROWS = 300;
/** Every file's rows (those of `keep`, when given), in order, cut into parts of at most 300. */
function partsOf(files, keep) {
    const chunks = files.flatMap(file => {
        const rows = keep ? file.rows.filter(row => keep.has(row)) : file.rows;
        const cut = [];
        for (let start = 0; start < rows.length; start += MAX_PART_ROWS) {
            cut.push({ file, rows: rows.slice(start, start + MAX_PART_ROWS) });
        }
        return cut;
    });
    return chunks.map((chunk, i) => part(chunk.file, chunk.rows, i + 1, chunks.length));
}
function part(file, rows, index, count) {
    const { bytes } = file;
    // A file of one part is sent exactly as it is: the appliance's line numbers are the file's.
    if (rows.length === file.rows.length) {
        return { file, index, count, path: file.path, rows, bytes, fileLine: line => line };
    }
    const bom = bytes.subarray(0, (0,common_text/* bomLength */.L1)(bytes));
    const header = bytes.subarray(file.header.start, file.header.end);
    // A part's line n is the file's line lines[n - 1]: the header's lines, then each row's, in order.
    const lines = [];
    const span = (start, end, firstLine) => {
        const count = Math.max(1, newlines(bytes, start, end));
        for (let i = 0; i < count; i++)
            lines.push(firstLine + i);
    };
    span(file.header.start, file.header.end, file.header.line);
    for (const row of rows)
        span(row.start, row.end, row.line);
    return {
        file,
        index,
        count,
        path: file.path,
        rows,
        bytes: Buffer.concat([bom, header, ...rows.map(row => bytes.subarray(row.start, row.end))]),
        fileLine: partLine => lines[partLine - 1]
    };
}
/** Line breaks between start and end (a CRLF counts once). */
function newlines(bytes, start, end) {
    let count = 0;
    for (let i = start; i < end; i++) {
        if (bytes[i] === 0x0a)
            count += 1;
        else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)
            count += 1;
    }
    return count;
}
/**
 * The appliance's messages about a part, its line numbers ("Line 3",
 * "row 3") mapped back to the file's, as an editor names them:
 * `servers.csv:420`.
 */
function inFileTerms(message, part) {
    return message.replace(/\b(line|row)\s+(\d{1,7})\b/gi, (whole, _word, digits) => {
        const line = part.fileLine(Number(digits));
        return line === undefined ? whole : `${part.path}:${line}`;
    });
}
/** `servers.csv lines 302–601`: where a part is in its file. */
function partPlace(part) {
    const first = part.rows[0]?.line;
    const last = part.rows[part.rows.length - 1]?.line;
    return first === last ? `${part.path} line ${first}` : `${part.path} lines ${first}–${last}`;
}

;// CONCATENATED MODULE: ./src/import/upload-answer.ts





/** Statuses for a CSV the appliance looked at and refused: nothing was imported. */
const REFUSED = new Set([400, 409, 413, 415, 422]);
/** The statuses that may carry a new job (pylxca accepts these three). */
const CREATED = new Set([200, 201, 202]);
/** Top-level fields that may name the job, as Lenovo's manageRequest pages and clients spell them. */
const JOB_FIELDS = ['jobId', 'jobid', 'job_id', 'jobID', 'statusDescription'];
const UPLOAD = 'POST /csvRequest';
const NO_IMPORT_HERE = `${UPLOAD}: the appliance has no bulk import here; is this an XClarity Administrator?`;
/** The job of a started import (never a guess), or why there is none. */
function importOf(response, secrets, scheme) {
    const httpStatus = response.status;
    const answer = lxcaMessageBody(response.body);
    const messages = linesOf(answer, secrets);
    const error = (cause) => ({ status: 'error', cause, httpStatus, messages });
    if (httpStatus >= 200 && httpStatus < 300) {
        const named = CREATED.has(httpStatus) ? jobsNamed(response) : [];
        if (resultKind(answer?.result) === 'failed') {
            const said = `the appliance answered the upload with HTTP ${httpStatus} and the result '${(0,common_text/* excerpt */.Kb)(answer?.result ?? '', 40, secrets)}'`;
            return error({
                kind: 'may-have-started',
                reason: `${said}; the import may have started`,
                fault: { kind: 'http', message: said, httpStatus }
            });
        }
        if (named.length === 1)
            return { status: 'success', job: named[0], httpStatus, messages };
        const which = named.length > 1
            ? `named ${named.length} different jobs (${named.map(job => job.id).join(', ')})`
            : `named no job (no Location header and no job ID field: ${bodyExcerpt(response, secrets, 300)})`;
        const reason = `the appliance accepted the upload (HTTP ${httpStatus}) but ${which}, so the import has probably started`;
        return error({ kind: 'no-job', reason });
    }
    const facts = refusalFacts(response, UPLOAD, secrets, scheme);
    const said = (0,common_text/* clause */.sb)(facts.message);
    const refused = REFUSED.has(httpStatus) ||
        isAuthRefusal(httpStatus) ||
        httpStatus === 404 ||
        (httpStatus >= 300 && httpStatus < 400);
    if (refused)
        return error({ kind: 'not-imported', reason: `${said}; nothing was imported`, fault: facts });
    return error({ kind: 'may-have-started', reason: `${said}; the import may have started`, fault: facts });
}
/**
 * validationOnly=true: accepted or refused only when the answer says so in
 * LXCA's words; anything else (HTML, an empty body, a 204, cut-off or unknown
 * JSON, plain text) could not be read, and is an error.
 */
function validationOf(response, secrets, scheme) {
    const httpStatus = response.status;
    const answer = lxcaMessageBody(response.body);
    const messages = linesOf(answer, secrets);
    const unreadable = (why) => ({
        status: 'error',
        httpStatus,
        messages,
        cause: {
            kind: 'unreadable',
            reason: `the appliance's answer to the validation could not be read (HTTP ${httpStatus}, ${why}); the file was not validated`
        }
    });
    if (httpStatus >= 200 && httpStatus < 300) {
        if (!answer)
            return unreadable(bodyExcerpt(response, secrets, 200));
        const errors = answer.messages.filter(message => message.severity === 'error').length;
        switch (resultKind(answer.result)) {
            case 'success':
            case 'warning':
                return errors > 0 ? { status: 'failure', httpStatus, messages } : { status: 'success', httpStatus, messages };
            case 'failed':
                return messages.length > 0
                    ? { status: 'failure', httpStatus, messages }
                    : unreadable(`the result '${(0,common_text/* excerpt */.Kb)(answer.result ?? '', 40, secrets)}' with no message saying what is wrong`);
            case 'unknown':
                return unreadable(answer.result === undefined
                    ? `no result among ${(0,common_text/* plural */.LS)(answer.messages.length, 'message')}`
                    : `an unknown result '${(0,common_text/* excerpt */.Kb)(answer.result, 40, secrets)}'`);
        }
    }
    if (REFUSED.has(httpStatus)) {
        if (messages.length > 0)
            return { status: 'failure', httpStatus, messages };
        return unreadable(`a refusal that does not say what is wrong: ${bodyExcerpt(response, secrets, 200)}`);
    }
    const facts = refusalFacts(response, `${UPLOAD}?validationOnly=true`, secrets, scheme);
    const reason = `${(0,common_text/* clause */.sb)(facts.message)}; the file was not validated`;
    return { status: 'error', httpStatus, messages, cause: { kind: 'not-imported', reason, fault: facts } };
}
/** A status that is not a 2xx, as a fault; a refusal of the credentials says how they were sent (`scheme`). */
function refusalFacts(response, what, secrets, scheme) {
    const fault = statusFault(response, what, NO_IMPORT_HERE, secrets);
    const kind = fault?.kind ?? 'http';
    const facts = { kind, message: fault?.message ?? `HTTP ${response.status}`, httpStatus: response.status };
    return kind === 'auth' && scheme ? { ...facts, code: scheme } : facts;
}
/** The appliance's messages, one line each, scrubbed before they are cut. */
function linesOf(answer, secrets) {
    return (answer?.messages ?? []).map(message => (0,common_text/* excerpt */.Kb)(messageLine(message), 500, secrets));
}
/**
 * The jobs the answer names where LXCA names them: the `Location` header (a
 * path or a URL; only its path counts, the host may be the appliance's own
 * name behind a proxy), else an explicit top-level job field. Never free
 * text, never a message ID, never a nested `id`; only jobs of the bulk
 * import's own type.
 */
function jobsNamed(response) {
    const location = headerValue(response, 'location')?.trim();
    const fromLocation = location && location.includes('/') ? csvJob((0,job_ref/* parseJobRef */.Yf)(location, 'csv')) : undefined;
    if (fromLocation)
        return [fromLocation];
    let body;
    try {
        body = JSON.parse((0,json/* bodyText */.G)(response.body));
    }
    catch {
        return [];
    }
    if (!(0,json/* isObject */.n)(body))
        return [];
    const jobs = [];
    for (const field of JOB_FIELDS) {
        const job = jobOfField(body[field]);
        if (job && !jobs.some(known => known.id === job.id))
            jobs.push(job);
    }
    return jobs;
}
/** A positive job number, or the path or URL of a bulk-import job. */
function jobOfField(value) {
    if (typeof value === 'number') {
        return Number.isSafeInteger(value) && value > 0 ? { id: String(value), type: 'csv' } : undefined;
    }
    if (typeof value !== 'string')
        return undefined;
    const text = value.trim();
    if (/^[1-9][0-9]{0,17}$/.test(text))
        return { id: text, type: 'csv' };
    return text.includes('/') ? csvJob((0,job_ref/* parseJobRef */.Yf)(text, 'csv')) : undefined;
}
function csvJob(job) {
    return job?.type === 'csv' ? job : undefined;
}

;// CONCATENATED MODULE: ./src/import/multipart.ts
// The bulk-import upload's body: multipart/form-data (RFC 7578) with one part
// named `uploadedfile`, as Lenovo documents POST /csvRequest. The file's
// bytes go in unchanged; the boundary is random and never occurs in them.

function csvMultipart(filename, content, random = () => (0,external_node_crypto_.randomBytes)(16).toString('hex')) {
    let boundary = `lxca-job-gate-${random()}`;
    while (content.includes(boundary))
        boundary = `lxca-job-gate-${random()}`;
    // A quote or a line break would end the header: percent-encoded, as browsers do.
    const name = filename.replace(/[\r\n"%]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    const head = `--${boundary}\r\n` +
        `Content-Disposition: form-data; name="uploadedfile"; filename="${name}"\r\n` +
        'Content-Type: application/octet-stream\r\n' +
        '\r\n';
    return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        body: [Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]
    };
}

;// CONCATENATED MODULE: ./src/import/upload.ts







/** Where the bulk import is started (or, with `validationOnly`, where the file is only checked). */
function importUrl(baseUrl, validationOnly) {
    return new URL(`/csvRequest${validationOnly ? '?validationOnly=true' : ''}`, baseUrl);
}
async function startImport(options) {
    const { clock, signal, file, validationOnly } = options;
    const startedAt = clock.now();
    const base = (attempts, httpStatus) => ({
        file: file.name,
        rows: file.rows,
        validationOnly,
        attempts,
        elapsedMs: clock.now() - startedAt,
        ...(httpStatus === undefined ? {} : { httpStatus }),
        messages: []
    });
    const reach = new reachability/* Reachability */.eb();
    for (let attempt = 1;; attempt++) {
        if (signal.aborted)
            return { ...base(attempt - 1), status: 'cancelled', mayHaveStarted: false };
        try {
            const answer = await post(options, signal);
            return { ...base(attempt), ...answer };
        }
        catch (error) {
            if (!(error instanceof errors/* RequestFault */.ky))
                throw error;
            const neverSent = error.sent === false;
            if (signal.aborted) {
                return { ...base(attempt), status: 'cancelled', mayHaveStarted: !validationOnly && !neverSent };
            }
            const silentFor = reach.silentFor(error, clock.now()) ?? 0;
            if (error.retryable && neverSent && attempt <= options.maxRetries && silentFor < reachability/* UNREACHABLE_GRACE_MS */.j_) {
                const waitMs = nextWait({ goodPolls: 0, faults: attempt }, options.pollIntervalMs, options.random(), clock.wallNow());
                options.onRetry?.(error, attempt, waitMs);
                await clock.sleep(waitMs, signal);
                continue;
            }
            return { ...base(attempt, error.status), status: 'error', cause: failedUpload(error, neverSent, validationOnly) };
        }
    }
}
/** One POST of the file as multipart/form-data, and what its answer means. */
async function post(options, signal) {
    const { contentType, body } = csvMultipart(options.file.name, options.file.bytes);
    const url = importUrl(options.baseUrl, options.validationOnly);
    const response = await options.client.sendOnce({ method: 'POST', url, headers: { 'content-type': contentType }, body }, signal);
    const { secrets, client } = options;
    return options.validationOnly
        ? validationOf(response, secrets, client.scheme)
        : importOf(response, secrets, client.scheme);
}
function failedUpload(fault, neverSent, validationOnly) {
    const facts = factsOf(fault);
    if (validationOnly)
        return { kind: 'not-imported', reason: `${(0,common_text/* clause */.sb)(fault.message)}; the file was not validated`, fault: facts };
    if (neverSent) {
        const reason = `${(0,common_text/* clause */.sb)(fault.message)}; the upload never reached the appliance, so nothing was imported`;
        return { kind: 'not-imported', reason, fault: facts };
    }
    return { kind: 'may-have-started', reason: `${(0,common_text/* clause */.sb)(fault.message)}; the import may have started`, fault: facts };
}

;// CONCATENATED MODULE: ./src/outcome/trimmed-outcome.ts
function trimmedOutcome(outcome) {
    const { seen } = outcome;
    if (!seen)
        return outcome;
    // The same trimmed object in the document and in the assessment: reports match them by identity.
    const trimmed = new Map();
    const shared = new Map();
    for (const item of seen.assessment.devices) {
        if (item.state === 'succeeded')
            trimmed.set(item.device, trimDevice(item.device, shared));
    }
    if (trimmed.size === 0)
        return outcome;
    const document = { ...seen.document, devices: seen.document.devices.map(device => trimmed.get(device) ?? device) };
    const devices = seen.assessment.devices.map((item) => {
        const device = trimmed.get(item.device);
        return device ? { ...item, device } : item;
    });
    return { ...outcome, seen: { document, assessment: { ...seen.assessment, devices } } };
}
const NO_STEPS = Object.freeze([]);
function trimDevice(device, shared) {
    // Every device's tree names the same steps: one copy of each id, label and state (JSON.parse makes one per node).
    const one = (text) => shared.get(text) ?? (shared.set(text, text), text);
    const trimStep = (node) => ({
        id: one(node.id),
        label: one(node.label),
        state: node.state === undefined ? undefined : one(node.state),
        children: node.children.length === 0 ? NO_STEPS : node.children.map(trimStep)
    });
    const { longDescription, steps, ...kept } = device;
    return { ...kept, steps: steps.map(trimStep) };
}

// EXTERNAL MODULE: ./src/outcome/upload-outcome.ts
var upload_outcome = __webpack_require__(1286);
;// CONCATENATED MODULE: ./src/gate/part-log.ts
// What the log says of each upload and each part, outside the polling
// groups so that a reader scanning the folded log sees every part's fate:
// what is being sent, the job it started (or why there is none), and how the
// part ended, one line each.





const part_log_count = common_text/* thousands */.oh;
/** `Part 2 of 10 (servers.csv lines 302–601)`. */
function partName(part) {
    return `Part ${part.index} of ${part.count} (${partPlace(part)})`;
}
/** `Uploading servers.csv lines 2–301 (300 devices): POST https://…/csvRequest`. */
function uploadingLine(part, several, validationOnly, url) {
    const what = several ? partPlace(part) : part.file.name;
    return `${validationOnly ? 'Validating' : 'Uploading'} ${what} (${(0,common_text/* plural */.LS)(part.rows.length, 'device')}): POST ${url}`;
}
/** The job the upload started, the validation's verdict, or why there is no job; undefined when nothing is to say. */
function uploadedLine(outcome, baseUrl, validationOnly, part) {
    const prefix = part ? `${partName(part)}: ` : '';
    if (outcome.status === 'success' && outcome.job) {
        const url = (0,job_ref/* jobUrl */.Ne)(baseUrl, outcome.job).href;
        return part ? `${prefix}job ${outcome.job.id} started (${url})` : `Import started: ${url}`;
    }
    if (validationOnly && (outcome.status === 'success' || outcome.status === 'failure'))
        return `${prefix}${outcome.status === 'success' ? 'the appliance accepted the file' : 'the appliance refused the file'}`;
    // The reason ends with what is known of the import (started probably, maybe, or not at all): said once.
    if (outcome.status === 'error')
        return `${prefix}${part ? outcome.cause.reason : (0,common_text/* capitalise */.sK)(outcome.cause.reason)}`;
    if (outcome.status === 'cancelled')
        return `${prefix}cancelled while uploading; ${(0,upload_outcome/* mayHaveStarted */.NG)(outcome) ? 'the import may have started' : 'nothing was imported'}`;
    return undefined;
}
/** How a part's job ended: `✖ Part 2 of 10 (servers.csv lines 302–601): job 5002 failed · 10 of 300 devices failed`. */
function partEndLine(part, job) {
    const { mark, verb } = outcome_status/* STATUSES */.f[job.status];
    const assessment = job.seen?.assessment;
    const total = assessment ? assessment.devices.length : 0;
    let facts = '';
    if (assessment && job.status === 'success')
        facts = ` · all ${(0,common_text/* plural */.LS)(total, 'device')} managed`;
    else if (assessment && job.status === 'failure')
        facts = ` · ${part_log_count(assessment.failed)} of ${(0,common_text/* plural */.LS)(total, 'device')} failed`;
    else if (assessment)
        facts = ` · ${part_log_count(assessment.succeeded + assessment.failed)} of ${(0,common_text/* plural */.LS)(total, 'device')} done, ${part_log_count(assessment.failed)} failed`;
    const missing = job.rows?.notInJob.length ?? 0;
    const notInJob = missing > 0 ? `, ${(0,common_text/* plural */.LS)(missing, 'row')} not in the job` : '';
    return `${mark} ${partName(part)}: job ${job.job.id} ${verb}${facts}${notInJob}`;
}

;// CONCATENATED MODULE: ./src/outcome/inventory-match.ts
// Which of the appliance's managed devices a CSV row, or a device of a job,
// is: matched by identity (common/identity.ts), never by count. A row's
// address meets the inventory's management and IP addresses (IPv6 in any
// spelling); its host name meets `hostname` and `dnsHostnames` whole, in any
// case, and a short name meets an FQDN's first label only when exactly one
// device has it; its serial number and UUID meet `serialNumber` and `uuid`. A
// job's device is found by its UUID first, else by the addresses it reports.
// Each question is asked of the whole inventory at once.

class Wanted {
    ip = new Map();
    host = new Map();
    serial = new Map();
    uuid = new Map();
    add(kind, value, item) {
        const map = this.mapOf(kind);
        const list = map.get(value);
        if (!list)
            map.set(value, [item]);
        else if (list[list.length - 1] !== item)
            list.push(item);
    }
    /**
     * Calls `meet` for every wanted item the managed device is, with the kind
     * of identity that matched. Kinds nobody asked for are not even computed
     * (rows usually give addresses only: no UUID or serial number is read).
     */
    scan(device, meet) {
        const { ip, host, serial, uuid } = this;
        if (ip.size > 0)
            for (const address of device.addresses)
                this.look(ip, 'ip', canonicalIp(address), meet);
        if (ip.size > 0 || host.size > 0) {
            for (const name of device.names) {
                const asIp = canonicalIp(name);
                if (asIp !== undefined)
                    this.look(ip, 'ip', asIp, meet);
                else if (host.size > 0)
                    this.look(host, 'host', canonicalHost(name), meet);
            }
        }
        if (serial.size > 0 && device.serialNumber !== undefined)
            this.look(serial, 'serial', canonicalSerial(device.serialNumber), meet);
        if (uuid.size > 0 && device.uuid !== undefined)
            this.look(uuid, 'uuid', canonicalUuid(device.uuid), meet);
    }
    look(map, kind, value, meet) {
        if (value === undefined || value === '')
            return;
        const items = map.get(value);
        if (items)
            meet(items, kind, value);
    }
    mapOf(kind) {
        switch (kind) {
            case 'ip':
                return this.ip;
            case 'host':
                return this.host;
            case 'serial':
                return this.serial;
            case 'uuid':
                return this.uuid;
        }
    }
}
/** The managed devices each row names (rows that name none are left out), in one pass over the inventory. */
function rowsInInventory(rows, devices) {
    const wanted = new Wanted();
    /** Rows that give a short host name (no dot), by it: it may be an FQDN's first label. */
    const short = new Map();
    for (const row of rows) {
        for (const identity of row.identities) {
            const value = inventory_match_valueOf(identity);
            wanted.add(identity.kind, value, row);
            if (identity.kind !== 'host' || value.includes('.'))
                continue;
            const named = short.get(value);
            if (named)
                named.push(row);
            else
                short.set(value, [row]);
        }
    }
    const found = new Map();
    const meet = (row, device) => {
        const list = found.get(row);
        if (!list)
            found.set(row, [device]);
        else if (!list.includes(device))
            list.push(device);
    };
    /** Short names some device has whole: the first-label rule does not apply to them. */
    const whole = new Set();
    /** The one device whose dotted name starts with a wanted short name; null when several do. */
    const owners = new Map();
    let device;
    const named = (rows, kind, value) => {
        for (const row of rows)
            meet(row, device);
        if (kind === 'host' && short.has(value))
            whole.add(value);
    };
    for (device of devices) {
        wanted.scan(device, named);
        if (short.size === 0)
            continue;
        for (const name of device.names) {
            const dot = name.indexOf('.');
            if (dot <= 0)
                continue;
            const first = name.slice(0, dot).toLowerCase();
            if (!short.has(first))
                continue;
            const owner = owners.get(first);
            if (owner === undefined)
                owners.set(first, device);
            else if (owner !== device)
                owners.set(first, null);
        }
    }
    for (const [label, owner] of owners) {
        if (owner && !whole.has(label))
            for (const row of short.get(label) ?? [])
                meet(row, owner);
    }
    return found;
}
/**
 * The managed device each job's device is (devices not found are left out):
 * by its own UUID first, else by the identities the job reports for it (its
 * addresses, or a UUID), in the order it reports them. One pass.
 */
function jobDevicesInInventory(jobDevices, devices) {
    const wanted = new Wanted();
    for (const device of jobDevices) {
        const own = device.uuid === undefined ? undefined : canonicalUuid(device.uuid);
        if (own !== undefined)
            wanted.add('uuid', own, { device, rank: 0 });
        reportedIdentities(device.address, undefined).forEach((identity, i) => {
            if (identity.kind === 'uuid' || identity.kind === 'ip')
                wanted.add(identity.kind, inventory_match_valueOf(identity), { device, rank: i + 1 });
        });
    }
    const best = new Map();
    let entry;
    const named = items => {
        for (const { device, rank } of items) {
            const known = best.get(device);
            if (!known || rank < known.rank)
                best.set(device, { rank, entry });
        }
    };
    for (entry of devices)
        wanted.scan(entry, named);
    return new Map([...best].map(([device, { entry }]) => [device, entry]));
}
/** The canonical value of an identity: its key without the kind. */
function inventory_match_valueOf(identity) {
    return identity.key.slice(identity.kind.length + 1);
}
/** `Online`, in any case: the one access state in which a device is ready. */
function isOnline(device) {
    return device.accessState?.toLowerCase() === 'online';
}
/** Still being brought under management: worth reading the inventory again for. */
function isPending(device) {
    return device.accessState?.toLowerCase() === 'pending';
}

;// CONCATENATED MODULE: ./src/outcome/inventory.ts

/**
 * A job whose devices the inventory could not confirm: a success is no
 * longer one (an error with the inventory's cause, or cancelled). A failure
 * stays a failure: its verdict needs no confirmation.
 */
function unconfirmedJob(job, problem) {
    if (job.status !== 'success')
        return job;
    if (problem.kind === 'cancelled')
        return { ...job, status: 'cancelled' };
    return { ...job, status: 'error', cause: { kind: 'inventory', problem } };
}
function planSkip(sources, inventory) {
    const skipped = [];
    const notOnline = [];
    const toImport = new Set();
    const found = rowsInInventory(sources.flatMap(source => source.rows), inventory);
    for (const { path, rows } of sources) {
        for (const row of rows) {
            const entries = found.get(row) ?? [];
            const offline = entries.find(entry => !isOnline(entry));
            if (entries.length === 0)
                toImport.add(row);
            else if (offline)
                notOnline.push({ row, path, entry: offline });
            else
                skipped.push({ row, path, entry: entries[0] });
        }
    }
    return { skipped, notOnline, toImport };
}
/** `entry`: the managed device the inventory lists for it (jobDevicesInInventory), if any. */
function standingOf(entry, unmanage) {
    if (unmanage)
        return entry ? { kind: 'wait', why: 'still-managed', entry } : { kind: 'ready' };
    if (!entry)
        return { kind: 'wait', why: 'missing' };
    if (isOnline(entry))
        return { kind: 'ready', entry };
    return isPending(entry) ? { kind: 'wait', why: 'pending', entry } : { kind: 'not-online', entry };
}
/** The devices of a finished job the inventory must confirm: those the job calls successful. */
function devicesToVerify(job) {
    if (job.status !== 'success' && job.status !== 'failure')
        return [];
    return job.seen.assessment.devices.filter(item => item.state === 'succeeded').map(item => item.device);
}
/**
 * The job's outcome once the inventory has spoken: a device it does not
 * confirm fails (or, when the deadline ended the wait, is not finished and
 * the job times out); a confirmed one carries the inventory's entry.
 */
function withInventory(job, standings, deadline) {
    if (job.status !== 'success' && job.status !== 'failure')
        return job;
    const replaced = new Map();
    const devices = job.seen.assessment.devices.map((item) => {
        const standing = standings.get(item.device);
        if (!standing)
            return item;
        const next = checked(item.device, standing, deadline);
        replaced.set(item.device, next.device);
        return next;
    });
    const count = (state) => devices.filter(item => item.state === state).length;
    const failed = count('failed');
    const pending = count('pending');
    const assessment = {
        ...job.seen.assessment,
        verdict: failed > 0 ? 'failure' : job.seen.assessment.verdict,
        devices,
        succeeded: count('succeeded'),
        failed,
        pending
    };
    const document = { ...job.seen.document, devices: devices.map(item => item.device) };
    const seen = { document, assessment };
    const rows = job.rows && retraced(job.rows, replaced);
    const base = { ...job, seen, ...(rows ? { rows } : {}) };
    if (pending > 0)
        return { ...base, status: 'timeout' };
    return { ...base, status: failed > 0 ? 'failure' : job.status };
}
const STEP_ID = 'APPLIANCE_INVENTORY';
/** The device as the inventory check leaves it. */
function checked(device, standing, deadline) {
    if (standing.kind === 'ready') {
        return {
            device: { ...device, ...(standing.entry ? { inventory: standing.entry } : {}), confirmed: true },
            state: 'succeeded',
            stepPath: []
        };
    }
    const waiting = standing.kind === 'wait' && deadline;
    const { result, found, action } = finding(standing);
    // Cut short by the deadline, the step says what the appliance listed when the wait ended.
    const listed = standing.kind === 'wait' && standing.entry
        ? `lists it ${standing.entry.accessState ?? 'with no access state'}`
        : 'not listed yet';
    const step = {
        id: STEP_ID,
        label: waiting
            ? `Appliance inventory: ${standing.why === 'still-managed' ? 'still listed' : listed}`
            : 'Appliance inventory',
        state: waiting ? 'Pending' : 'Stopped_With_Error',
        longDescription: found,
        userAction: action,
        children: []
    };
    const next = {
        ...device,
        ...(standing.entry ? { inventory: standing.entry } : {}),
        jobResult: device.result,
        result: waiting ? undefined : result,
        // What the appliance lists, in place of the job's "managed successfully".
        longDescription: found,
        steps: [...device.steps, step]
    };
    return { device: next, state: waiting ? 'pending' : 'failed', stepPath: [step] };
}
/** The device's result, what the appliance lists (the details), and what to do about it (the fix). */
function finding(standing) {
    const state = standing.entry?.accessState ?? 'no access state';
    if (standing.kind === 'not-online' || (standing.kind === 'wait' && standing.why === 'pending')) {
        return {
            result: 'NOT_ONLINE',
            found: `The job managed it, but the appliance lists it ${state}, not Online.`,
            action: 'Check its management controller (network, credentials, firmware) under Resources in XClarity Administrator; run the step again once it is Online.'
        };
    }
    if (standing.why === 'still-managed') {
        return {
            result: 'STILL_MANAGED',
            found: 'The job unmanaged it, but the appliance still lists it as managed.',
            action: 'Unmanage it in XClarity Administrator (Resources), then check again.'
        };
    }
    return {
        result: 'NOT_IN_INVENTORY',
        found: "The job managed it, but it is not in the appliance's inventory.",
        action: 'Look for it under Resources in XClarity Administrator; if it is not there, run the step again to import it (raise inventory-wait if the appliance is slow to list new devices).'
    };
}
/** The trace, each replaced device on its row. */
function retraced(rows, replaced) {
    const rowOf = new Map([...rows.rowOf].map(([device, row]) => [replaced.get(device) ?? device, row]));
    const countedDevices = rows.countedDevices.map(device => replaced.get(device) ?? device);
    return { ...rows, rowOf, countedDevices };
}

;// CONCATENATED MODULE: ./src/poll/inventory-reader.ts






/** Each list once (faults retried); every device of them, or the first trouble. */
async function readLists(lists, options) {
    const devices = [];
    for (const list of new Set(lists)) {
        const read = await readList(list, options);
        if ('trouble' in read)
            return read;
        devices.push(...read.devices);
    }
    return { devices };
}
async function readList(list, options) {
    const { clock, signal, deadline } = options;
    for (let faults = 0;;) {
        if (signal.aborted)
            return { trouble: { kind: 'cancelled' } };
        if (clock.now() >= deadline.waitEndsAt)
            return { trouble: { kind: 'deadline' } };
        try {
            const { document } = await options.getInventory(list, signal);
            const parsed = parseInventory(document, list);
            if (parsed.ok)
                return { devices: [...parsed.devices] };
            return { trouble: { kind: 'not-understood', list, problem: parsed.problem } };
        }
        catch (error) {
            if (signal.aborted)
                return { trouble: { kind: 'cancelled' } };
            if (!(error instanceof errors/* RequestFault */.ky))
                throw error;
            faults += 1;
            if (!error.retryable || faults > options.maxRetries) {
                if (error.kind === 'body')
                    return { trouble: { kind: 'not-understood', list, problem: error.message } };
                return { trouble: { kind: 'fault', list, fault: factsOf(error) } };
            }
            const state = { goodPolls: 1, faults, retryAfter: error.retryAfter };
            const waitMs = nextWait(state, options.pollIntervalMs, options.random(), clock.wallNow());
            options.onRetry?.(error, faults, waitMs);
            await clock.sleep(Math.min(waitMs, Math.max(0, deadline.waitEndsAt - clock.now())), signal);
        }
    }
}
/**
 * What the inventory says of each target, read again at the poll interval
 * while some is missing or Pending, for at most `waitMs` (and never past the
 * run's deadline: `deadline` then says the wait was cut by it).
 */
async function verifyDevices(targets, unmanage, waitMs, options) {
    const { clock, signal, deadline } = options;
    const until = Math.min(clock.now() + waitMs, deadline.waitEndsAt);
    let last;
    for (let rounds = 1;; rounds++) {
        const round = await standingsOnce(targets, unmanage, options);
        if ('trouble' in round) {
            // The deadline came during a later round: what the last round said stands, cut by the deadline.
            if (round.trouble.kind === 'deadline' && last)
                return { standings: last, deadline: true, rounds: rounds - 1 };
            return round;
        }
        last = round.standings;
        const waiting = targets.some(({ device }) => round.standings.get(device)?.kind === 'wait');
        const left = until - clock.now();
        if (!waiting || left <= 0)
            return { standings: last, deadline: waiting && until >= deadline.waitEndsAt, rounds };
        await clock.sleep(Math.min(options.pollIntervalMs, left), signal);
        if (signal.aborted)
            return { trouble: { kind: 'cancelled' } };
    }
}
/**
 * One round: the lists the targets' rows name (a device of no row: /nodes
 * first, the other lists only for those not found there), one read each.
 */
async function standingsOnce(targets, unmanage, options) {
    const typed = targets.filter(target => target.list !== undefined).map(target => target.list);
    const untyped = targets.filter(target => target.list === undefined);
    const first = await readLists([...typed, ...(untyped.length > 0 ? ['nodes'] : [])], options);
    if ('trouble' in first)
        return first;
    const devices = targets.map(target => target.device);
    let found = jobDevicesInInventory(devices, first.devices);
    const unfound = untyped.filter(({ device }) => !found.has(device));
    if (unfound.length > 0) {
        const others = INVENTORY_LISTS.filter(list => list !== 'nodes' && !typed.includes(list));
        const more = await readLists(others, options);
        if ('trouble' in more)
            return more;
        found = jobDevicesInInventory(devices, [...first.devices, ...more.devices]);
    }
    const standings = new Map();
    for (const device of devices)
        standings.set(device, standingOf(found.get(device), unmanage));
    return { standings };
}

;// CONCATENATED MODULE: ./src/gate/inventory-steps.ts
// The engine's two questions to the appliance's inventory. Before an upload
// (skip-managed): which rows does this appliance manage already, so that a
// run again uploads only what is left. After the jobs (verify-inventory): is
// every device a job calls successful really there, and Online. Both read
// each list once a round (poll/inventory-reader.ts); outcome/inventory.ts
// decides what the answers mean.



function readOptions(context, deadline) {
    const { client, deps, settings } = context;
    return {
        getInventory: (list, signal) => client.getInventory(list, signal),
        clock: deps.clock,
        random: deps.random,
        signal: deps.signal,
        deadline,
        pollIntervalMs: settings.pollIntervalMs,
        maxRetries: settings.maxRetries,
        onRetry: (fault, consecutive, waitMs) => deps.log.info(`Reading the inventory failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}; again in ${Math.round(waitMs / 1000)} s.`)
    };
}
/** skip-managed: the rows the appliance manages already, read before anything is uploaded. */
async function managedRows(sources, context, deadline) {
    const lists = [...new Set(sources.flatMap(source => source.rows.map(row => row.kind ?? 'nodes')))];
    const { log } = context.deps;
    log.info(`Reading the appliance's inventory of managed devices (${lists.map(list => `GET /${list}`).join(', ')})`);
    const read = await readLists(lists, readOptions(context, deadline));
    if ('trouble' in read)
        return { problem: problemOf(read.trouble, 'skip') };
    const plan = planSkip(sources, read.devices);
    const rows = sources.reduce((sum, source) => sum + source.rows.length, 0);
    log.info(`${(0,common_text/* plural */.LS)(plan.skipped.length, 'row')} of ${rows.toLocaleString('en-US')} already managed here and Online (not uploaded)` +
        (plan.notOnline.length > 0 ? `; ${(0,common_text/* plural */.LS)(plan.notOnline.length, 'row')} managed here but not Online` : '') +
        `; ${plan.toImport.size.toLocaleString('en-US')} to import.`);
    return plan;
}
/** verify-inventory: every device a job calls successful, in the inventory and Online (gone, after an unmanage job). */
async function verifiedJobs(jobs, context, deadline) {
    const waitMs = context.settings.inventory?.waitMs ?? 0;
    const results = [];
    let verified = 0;
    let checked = false;
    // Manage and unmanage jobs ask opposite questions: each kind is read on its own.
    for (const unmanage of [false, true]) {
        const own = jobs.filter(job => (job.job.type === 'unmanage') === unmanage);
        const targets = own.flatMap(job => devicesToVerify(job).map(device => ({ device, list: job.rows?.rowOf.get(device)?.kind })));
        if (targets.length === 0)
            continue;
        checked = true;
        context.deps.log.info(`Checking ${(0,common_text/* plural */.LS)(targets.length, 'device')} in the appliance's inventory`);
        const answer = await verifyDevices(targets, unmanage, waitMs, readOptions(context, deadline));
        if ('trouble' in answer && answer.trouble.kind !== 'deadline') {
            // Whatever this round could not confirm is not a success; earlier rounds' results stand.
            const problem = problemOf(answer.trouble, 'verify');
            const done = new Map(results.map(job => [job.job, job]));
            return { jobs: jobs.map(job => done.get(job.job) ?? unconfirmedJob(job, problem)), verified, checked, problem };
        }
        const standings = 'trouble' in answer ? undefined : answer.standings;
        const cut = 'trouble' in answer || answer.deadline;
        for (const job of own) {
            // The deadline came before any answer: every device is still to be confirmed.
            const mine = new Map(devicesToVerify(job).map(device => [device, standings?.get(device) ?? WAITING]));
            verified += [...mine.values()].filter(standing => standing.kind === 'ready').length;
            results.push(withInventory(job, mine, cut));
        }
    }
    const order = new Map(results.map(job => [job.job, job]));
    return { jobs: jobs.map(job => order.get(job.job) ?? job), verified, checked };
}
const WAITING = { kind: 'wait', why: 'missing' };
function problemOf(trouble, phase) {
    switch (trouble.kind) {
        case 'fault':
            return {
                phase,
                kind: 'fault',
                reason: `the inventory could not be read: ${trouble.fault.message}`,
                fault: trouble.fault
            };
        case 'not-understood':
            return {
                phase,
                kind: 'not-understood',
                reason: `the appliance's answer to GET /${trouble.list} was not understood (${trouble.problem}), so it cannot say which devices it manages`
            };
        case 'deadline':
            return { phase, kind: 'deadline', reason: 'the deadline came before the inventory was read' };
        case 'cancelled':
            return { phase, kind: 'cancelled', reason: 'cancelled while the inventory was read' };
    }
}

;// CONCATENATED MODULE: ./src/gate/import-parts.ts
// The engine's import: each part of the CSVs (at most 300 devices) uploaded,
// then its job waited for, one at a time; a part whose job did not finish
// (or whose upload did not clearly start one) stops the sequence, the rest
// are not uploaded. One deadline covers every wait, from the first job on.
// A single part is the plain case: one upload, one job, as always.
// Validation checks every part: it changes nothing on the appliance.













async function importParts(settings, upload, context) {
    const { timing } = context;
    const asked = { client: context.client, deps: context.deps, settings };
    // skip-managed: the appliance's own inventory says which rows need no import (validation: only as a plan).
    const plan = settings.inventory?.skipManaged ? await managedRows(upload.files, asked, timing.deadline) : undefined;
    if (plan && 'problem' in plan) {
        const inventory = {
            skipped: [],
            notOnline: [],
            verified: 0,
            checked: false,
            verify: false,
            skipManaged: true,
            problem: plan.problem
        };
        return gateOutcome([], undefined, timing.deadline, settings.allowance, undefined, inventory);
    }
    const parts = plan && !upload.validationOnly ? partsOf(upload.files, plan.toImport) : upload.parts;
    const sequence = await uploadInTurn(settings, parts, upload.validationOnly, context);
    const verify = settings.inventory?.verify === true && !upload.validationOnly && sequence.jobs.length > 0;
    const checked = verify ? await verifiedJobs(sequence.jobs, asked, timing.deadline) : undefined;
    const inventory = plan || checked
        ? {
            skipped: plan?.skipped ?? [],
            notOnline: plan?.notOnline ?? [],
            verified: checked?.verified ?? 0,
            checked: checked?.checked === true,
            verify,
            skipManaged: plan !== undefined,
            ...(checked?.problem ? { problem: checked.problem } : {}),
            ...(upload.validationOnly && plan ? { planOnly: true, wouldImport: wouldImport(upload, plan) } : {})
        }
        : undefined;
    const jobs = checked?.jobs ?? sequence.jobs;
    const several = parts.length > 1;
    const single = several ? undefined : sequence.last;
    return gateOutcome(jobs, single, timing.deadline, settings.allowance, several ? sequence.parts : undefined, inventory);
}
/** The rows a real run would upload, in file order: what a validation's plan lists. */
function wouldImport(upload, plan) {
    return upload.files.flatMap(({ path, rows }) => rows.filter(row => plan.toImport.has(row)).map(row => ({ row, path })));
}
/** Each part uploaded after the job before it has finished; a part that cannot go on stops the rest. */
async function uploadInTurn(settings, parts, validationOnly, context) {
    const { deps, timing } = context;
    const several = parts.length > 1;
    // Every part's rows: a device one part's job lists is told from one of another part.
    const allRows = rowIndex(parts);
    const jobs = [];
    const started = [];
    const outcomes = [];
    let last;
    const skip = (from, because) => {
        outcomes.push(...parts.slice(from).map(rest => notUploaded(rest, because)));
    };
    for (const [i, part] of parts.entries()) {
        if (started.length > 0 && deps.clock.now() >= timing.deadline.waitEndsAt) {
            skip(i, 'deadline');
            break;
        }
        // A job this run already waited on is not this part's: its own job is unknown.
        last = (0,upload_outcome/* refuseRepeatedJob */.GH)(await uploadPart(settings, part, validationOnly, context, several), started);
        let job;
        if (last.status === 'success' && last.job) {
            started.push(last.job);
            // Before anything else is said: whoever reads the log knows the job is in the outputs.
            deps.onJobStarted?.(started);
        }
        const said = uploadedLine(last, settings.baseUrl, validationOnly, several ? part : undefined);
        if (said)
            deps.log.info(said);
        if (last.status === 'success' && last.job) {
            if (started.length === 1)
                timing.deadline = deadlineFrom(deps.clock.now(), settings.timeoutMs, settings.requestTimeoutMs);
            const waited = await waitFor(settings, last.job, context, i + 1 < parts.length, several ? part : undefined);
            // Held until the last part ends: a device that succeeded keeps only what the reports show of it.
            job = withSource(trimmedOutcome(waited), part, allRows);
            jobs.push(job);
            // Outside the polling group: a reader of the folded log sees how every part ended.
            if (several)
                deps.log.info(partEndLine(part, job));
        }
        outcomes.push({ part: partRefOf(part), state: 'uploaded', upload: last, ...(job ? { job: job.job } : {}) });
        const next = nextPart(last, job);
        if (next === 'go')
            continue;
        const late = next === 'unfinished' && deps.clock.now() >= timing.deadline.waitEndsAt;
        skip(i + 1, next === 'stop' ? 'stopped' : late ? 'deadline' : 'unfinished');
        break;
    }
    return { jobs, parts: outcomes, ...(last ? { last } : {}) };
}
function partRefOf(part) {
    const first = part.rows[0]?.line ?? 0;
    const lastLine = part.rows[part.rows.length - 1]?.line ?? first;
    const { index, count, path } = part;
    return { index, count, path, firstLine: first, lastLine, rows: part.rows.length, source: part };
}
function notUploaded(part, because) {
    return { part: partRefOf(part), state: 'not uploaded', because };
}
/**
 * The job a part started, polled until it ends or the run's deadline passes;
 * with a part after it (`more`), until the job itself reports progress 100.
 */
async function waitFor(settings, job, context, more, part) {
    const { log } = context.deps;
    log.info(startLine(settings, [job]));
    const title = part ? `Part ${part.index} of ${part.count}: polling job ${job.id}` : 'Polling the job';
    return log.group(title, () => context.watch(job, context.timing.deadline, more));
}
/** POST /csvRequest for one part: the import's job (written out and logged as soon as it is known), or why there is none. */
async function uploadPart(settings, part, validationOnly, context, several) {
    const { deps, client } = context;
    const { log } = deps;
    log.info(uploadingLine(part, several, validationOnly, importUrl(settings.baseUrl, validationOnly).href));
    // No group: the upload logs nothing but its rare retries.
    const outcome = await startImport({
        client,
        baseUrl: settings.baseUrl,
        file: { name: part.file.name, bytes: part.bytes, rows: part.rows.length },
        validationOnly,
        clock: deps.clock,
        random: deps.random,
        signal: deps.signal,
        secrets: deps.secrets,
        maxRetries: settings.maxRetries,
        pollIntervalMs: settings.pollIntervalMs,
        onRetry: (fault, attempt, waitMs) => log.info(`The upload never reached the appliance (${fault.message}); sending it again in ${(0,duration/* formatDuration */.a)(waitMs)} (retry ${attempt} of at most ${settings.maxRetries}).`)
    });
    // The appliance counts lines in what it was sent: its "Line 3" of a part is a line of the user's file.
    if (!several)
        return outcome;
    const what = partPlace(part);
    const messages = outcome.messages.map(message => inFileTerms(message, part));
    if (outcome.status !== 'error')
        return { ...outcome, file: what, messages };
    const cause = { ...outcome.cause, reason: inFileTerms(outcome.cause.reason, part) };
    return { ...outcome, file: what, messages, cause };
}

;// CONCATENATED MODULE: ./src/gate/run-gate.ts
// The engine shared by the GitHub Action (action/main.ts) and the command
// line (cli/main.ts): from validated settings to the upload's outcome, if
// any, and one outcome per job. It never touches @actions/core, the process
// or the environment; its callers hand it what gate-deps.ts lists.
//
// Time bound: every request, logins and the logout included, ends by
// timeout + request-timeout after the wait starts (with an upload, once its
// job exists), whatever the appliance does.













/** Logging out is a courtesy: it gets this long, and less when the run's time is nearly up. */
const LOGOUT_TIMEOUT_MS = 5_000;
/** After a cancellation it must fit in the runner's grace period (SIGTERM follows SIGINT after 7.5 s). */
const LOGOUT_TIMEOUT_CANCELLED_MS = 500;
/** Several jobs' first polls are spread over this much time (at most one poll interval). */
const SPREAD_MS = 5_000;
async function runGate(settings, given) {
    const { clock } = given;
    // With an upload, the wait (and so its deadline) starts once the job exists; until then the upload
    // and the login before it are bounded as if the wait had started now.
    const timing = { deadline: deadlineFrom(clock.now(), settings.timeoutMs, settings.requestTimeoutMs) };
    // One heartbeat for the whole run: any line logged resets it, a part that starts does not.
    const heartbeat = createHeartbeat(() => clock.now(), () => timing.deadline);
    const log = notingLog(given.log, at => (heartbeat.lastLineAt = at), heartbeat.now);
    const deps = { ...given, log };
    warnIfInsecure(settings, log);
    addSettingsSecrets(settings, deps.secrets);
    const network = deps.transport ??
        createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxy: settings.proxy });
    const left = () => timing.deadline.hardStopAt - clock.now();
    const transport = boundedTransport(network, settings.requestTimeoutMs, left, deps.onFirstAnswer);
    const auth = authenticator(settings, transport, deps.secrets, log);
    const client = new LxcaClient(transport, settings.baseUrl, auth, deps.secrets);
    try {
        if (settings.upload) {
            const watch = (job, deadline, untilComplete) => watchJob(job, { index: 0, count: 1, untilComplete }, client, settings, { ...deps, heartbeat }, deadline);
            return await importParts(settings, settings.upload, { client, deps, timing, watch });
        }
        const { jobs } = settings;
        const { deadline } = timing;
        log.info(startLine(settings, jobs));
        const waits = () => Promise.all(jobs.map((job, index) => watchJob(job, { index, count: jobs.length, untilComplete: false }, client, settings, { ...deps, heartbeat }, deadline)));
        const outcomes = await log.group(jobs.length > 1 ? `Polling ${jobs.length} jobs` : 'Polling the job', waits);
        if (!settings.inventory?.verify)
            return gateOutcome(outcomes, undefined, deadline, settings.allowance);
        // verify-inventory: the job's word is taken only where the appliance's inventory agrees.
        const checked = await verifiedJobs(outcomes, { client, deps, settings }, deadline);
        const { verified, problem } = checked;
        const inventory = {
            skipped: [],
            notOnline: [],
            verified,
            checked: checked.checked,
            verify: true,
            skipManaged: false,
            ...(problem ? { problem } : {})
        };
        return gateOutcome(checked.jobs, undefined, deadline, settings.allowance, undefined, inventory);
    }
    finally {
        // A fresh signal: logging out must still be tried after a cancellation, briefly.
        const budget = deps.signal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS;
        await client.close(new AbortController().signal, budget);
    }
}
/** Polls one job; with several, job k starts k/N of a poll wait later, so the appliance never sees bursts. */
async function watchJob(job, { index, count, untilComplete }, client, settings, deps, deadline) {
    const { log } = deps;
    const prefix = count > 1 ? `[job ${job.id}] ` : '';
    // Several jobs at once share the heartbeat: it speaks when none of them has said anything for a while.
    const changes = createChangeLog(deps.secrets, deps.heartbeat);
    const outcome = await pollJob({
        job,
        fetchJob: signal => client.getJob(job, signal),
        clock: deps.clock,
        random: deps.random,
        signal: deps.signal,
        deadline,
        pollIntervalMs: settings.pollIntervalMs,
        maxRetries: settings.maxRetries,
        successResults: settings.successResults,
        startDelayMs: (index * Math.min(SPREAD_MS, settings.pollIntervalMs)) / count,
        untilComplete,
        onHold: assessment => log.info(`${prefix}Every device of job ${job.id} is done, but the job is at ${(0,common_text/* percent */.KN)(assessment.progress)}: waiting for it to reach 100% before the next part is uploaded.`),
        onLastBody: body => deps.onDocument?.(job, body),
        onUpdate: (_document, assessment) => {
            log.debug(`${prefix}progress ${(0,common_text/* percent */.KN)(assessment.progress)}, verdict ${assessment.verdict}`);
            const lines = changes(assessment);
            for (const line of lines.info)
                log.info(`${prefix}${line}`);
            for (const line of lines.debug)
                log.debug(`${prefix}${line}`);
        },
        onRetry: (fault, consecutive, waitMs) => log.info(`${prefix}Request failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}. Retrying in ${(0,duration/* formatDuration */.a)(waitMs)}.`)
    });
    log.debug(`${prefix}outcome ${outcome.status} after ${outcome.wait.polls} requests and ${outcome.wait.retries} retries`);
    return outcome;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/import/csv-records.ts
// RFC 4180 records, read from the bytes (every delimiter is ASCII, so UTF-8
// needs no decoding to find them): fields separated by commas, records by
// CRLF, LF or CR; a quoted field may hold commas, quotes ("") and line
// breaks. Reading the records keeps only where each one is; a record's
// fields are found again, and decoded, only for the columns asked for, so a
// 5 MiB file (or one of a million commas) is in memory about once.
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
/** The records from byte `from` on (after a byte-order mark). */
function readRecords(bytes, from) {
    const records = [];
    let start = from;
    let line = 1;
    let recordLine = 1;
    let quoted = false;
    let quotedFrom = 0;
    /** Only spaces so far in this field: a quote here opens a quoted field. */
    let blank = true;
    for (let i = from; i < bytes.length; i++) {
        const byte = bytes[i];
        if (quoted) {
            if (byte === QUOTE && bytes[i + 1] === QUOTE)
                i += 1;
            else if (byte === QUOTE)
                quoted = false;
            else if (byte === LF)
                line += 1;
        }
        else if (byte === QUOTE && blank) {
            quoted = true;
            blank = false;
            quotedFrom = line;
        }
        else if (byte === COMMA) {
            blank = true;
        }
        else if (byte === LF || byte === CR) {
            const contentEnd = i;
            if (byte === CR && bytes[i + 1] === LF)
                i += 1;
            records.push({ line: recordLine, start, end: i + 1, contentEnd });
            start = i + 1;
            blank = true;
            line += 1;
            recordLine = line;
        }
        else if (byte !== SPACE && byte !== TAB)
            blank = false;
    }
    if (quoted) {
        return {
            ok: false,
            problem: `has a quoted field opened on line ${quotedFrom} that is never closed. Expected a closing '"'.`
        };
    }
    if (start < bytes.length)
        records.push({ line: recordLine, start, end: bytes.length, contentEnd: bytes.length });
    return { ok: true, records };
}
/**
 * The fields of a record at `indexes` (their quotes undone), '' where the
 * record has no such field; with `indexes` undefined, every field. One pass
 * over the record; nothing is kept of the other fields.
 */
function fieldsOf(bytes, record, indexes) {
    const wanted = indexes === undefined ? undefined : new Set(indexes);
    const found = new Map();
    const count = scanFields(bytes, record, (index, start, end) => {
        if (wanted === undefined || wanted.has(index))
            found.set(index, unquote(bytes.toString('utf8', start, end)));
    });
    const positions = indexes ?? Array.from({ length: count }, (_, index) => index);
    return positions.map(index => found.get(index) ?? '');
}
/** How many fields the record has. */
function countFields(bytes, record) {
    return scanFields(bytes, record, () => undefined);
}
/** Calls `onField` with each field's index and raw bytes [start, end); returns how many there are. */
function scanFields(bytes, record, onField) {
    let index = 0;
    let fieldStart = record.start;
    let quoted = false;
    let blank = true;
    for (let i = record.start; i < record.contentEnd; i++) {
        const byte = bytes[i];
        if (quoted) {
            if (byte === QUOTE && bytes[i + 1] === QUOTE)
                i += 1;
            else if (byte === QUOTE)
                quoted = false;
        }
        else if (byte === QUOTE && blank) {
            quoted = true;
            blank = false;
        }
        else if (byte === COMMA) {
            onField(index, fieldStart, i);
            index += 1;
            fieldStart = i + 1;
            blank = true;
        }
        else if (byte !== SPACE && byte !== TAB)
            blank = false;
    }
    onField(index, fieldStart, record.contentEnd);
    return index + 1;
}
/** Every field empty, spaces and quotes aside: a row a spreadsheet left, not a device. */
function isBlank(bytes, record) {
    for (let i = record.start; i < record.contentEnd; i++) {
        const byte = bytes[i];
        if (byte !== SPACE && byte !== TAB && byte !== QUOTE && byte !== COMMA)
            return false;
    }
    return true;
}
/** A field as written to its value: `"a ""b"", c"` → `a "b", c`; text around the quotes is kept. */
function unquote(raw) {
    const open = raw.indexOf('"');
    if (open < 0 || raw.slice(0, open).trim() !== '')
        return raw;
    const close = raw.lastIndexOf('"');
    if (close <= open)
        return raw.slice(open + 1);
    return raw.slice(open + 1, close).replace(/""/g, '"') + raw.slice(close + 1);
}
/** The offset of the first byte that is not valid UTF-8, or undefined. */
function firstInvalidUtf8(bytes) {
    for (let i = 0; i < bytes.length;) {
        const byte = bytes[i];
        const length = byte < 0x80
            ? 1
            : byte >= 0xc2 && byte <= 0xdf
                ? 2
                : byte >= 0xe0 && byte <= 0xef
                    ? 3
                    : byte >= 0xf0 && byte <= 0xf4
                        ? 4
                        : 0;
        if (length === 0 || i + length > bytes.length)
            return i;
        for (let k = 1; k < length; k++)
            if ((bytes[i + k] & 0xc0) !== 0x80)
                return i;
        // Overlong forms and surrogates are not UTF-8 either.
        if (length === 3 && ((byte === 0xe0 && bytes[i + 1] < 0xa0) || (byte === 0xed && bytes[i + 1] >= 0xa0)))
            return i;
        if (length === 4 && ((byte === 0xf0 && bytes[i + 1] < 0x90) || (byte === 0xf4 && bytes[i + 1] >= 0x90)))
            return i;
        i += length;
    }
    return undefined;
}
/** The line (1-based) the byte at `offset` is on. */
function lineAt(bytes, offset) {
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1))
        line += 1;
    return line;
}

;// CONCATENATED MODULE: ./src/import/csv.ts
// The bulk-import CSV, checked for what is known for sure before anything is
// sent: UTF-8 text (a byte-order mark is fine, a NUL byte is not),
// comma-delimited, a header row that names an address column, at least one
// device row (rows of blank cells do not count; csv-parts.ts splits a file of
// more than LXCA's 300 into parts), and an address (or serial
// number or UUID) in every device row. Column-level rules belong to the
// appliance: that is what validation-only is for. The file usually carries
// device credentials, so no message ever quotes a cell: only line numbers
// and column names.




/** A site's inventory of even generous width stays far below this (about 10,000 rows of Lenovo's template). */
const MAX_CSV_BYTES = 5 * 1024 * 1024;
const CREDENTIAL_COLUMN = /pass|secret|community|token|key/i;
/** Lenovo's template has a few dozen columns; a header of thousands is not one. */
const MAX_COLUMNS = 1_000;
const FORM = 'Expected the bulk-import CSV: a header row and at least one device row';
/** The file read as a bulk-import CSV, or what is wrong with it (one sentence to follow the input's name). */
function parseCsv(path, bytes) {
    const fail = (problem) => ({ problem });
    if (bytes.length === 0)
        return fail(`names an empty file: '${(0,common_text/* shortValue */.wm)(path)}'. ${FORM}.`);
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        return fail(`line ${lineAt(bytes, nul)} holds a NUL byte: '${(0,common_text/* shortValue */.wm)(path)}' is not a text file. ${FORM}.`);
    }
    const invalid = firstInvalidUtf8(bytes);
    if (invalid !== undefined) {
        return fail(`is not UTF-8 text: line ${lineAt(bytes, invalid)} has a byte that is not UTF-8. Save the file as UTF-8 (CSV UTF-8 in Excel).`);
    }
    const records = readRecords(bytes, (0,common_text/* bomLength */.L1)(bytes));
    if (!records.ok)
        return fail(records.problem);
    return checkRecords(path, bytes, records.records, fail);
}
function checkRecords(path, bytes, records, fail) {
    const [header, ...rows] = records.filter(record => !isBlank(bytes, record));
    if (!header)
        return fail(`has no header row. ${FORM}.`);
    const columns = headerColumns(bytes, header);
    if (typeof columns === 'string')
        return fail(columns);
    if (rows.length === 0)
        return fail('has a header row but no device rows. Expected at least one device row.');
    const devices = rows.map(row => deviceRow(bytes, row, columns));
    const missing = devices.findIndex(row => row.identifiers.length === 0);
    if (missing >= 0) {
        const which = columns.identifiers.map(index => columns.names[index]).join(' or ');
        return fail(`line ${rows[missing].line} names no device: its ${which} ${columns.identifiers.length === 1 ? 'cell is' : 'cells are'} empty. Expected an address in every device row.`);
    }
    const secrets = rows
        .flatMap(row => fieldsOf(bytes, row, columns.credentials).map(value => value.trim()))
        .filter(value => value.length >= 3);
    return {
        path,
        name: (0,external_node_path_.basename)(path),
        bytes,
        header: { line: header.line, start: header.start, end: header.end },
        columns: columns.names,
        rows: devices,
        secrets: [...new Set(secrets)]
    };
}
/** What the header row says of the columns, or what is wrong with it. */
function headerColumns(bytes, header) {
    const width = countFields(bytes, header);
    if (width > MAX_COLUMNS) {
        return `line ${header.line} (the header row) has ${width.toLocaleString('en-US')} columns. Expected the bulk-import CSV's few dozen, at most ${MAX_COLUMNS.toLocaleString('en-US')}.`;
    }
    const fields = fieldsOf(bytes, header);
    const columns = columnsOf(fields);
    if (columns.names.length < 2) {
        const other = [';', '\t', '|'].find(delimiter => fields[0].includes(delimiter));
        const which = other ? ` (it uses ${other === '\t' ? 'tabs' : `'${other}'`})` : '';
        return `line ${header.line} is not a comma-delimited header row${which}. Expected column names separated by commas.`;
    }
    const blank = columns.names.findIndex(column => column === '');
    if (blank >= 0) {
        return `line ${header.line} (the header row) has an empty column name in column ${blank + 1}. Expected a name for every column.`;
    }
    if (columns.identifiers.length === 0) {
        return `line ${header.line} (the header row) names no address column. Expected a column such as IP Address or Host Name (or Serial Number) that says which device each row is.`;
    }
    return columns;
}
function deviceRow(bytes, record, columns) {
    const named = columns.name === undefined ? [] : [columns.name];
    const typed = columns.type === undefined ? [] : [columns.type];
    const cells = fieldsOf(bytes, record, [...columns.identifiers, ...named, ...typed]).map(value => value.trim());
    const values = cells.slice(0, columns.identifiers.length);
    const identifiers = values.filter(value => value !== '');
    const identities = values
        .map((value, index) => IDENTITY_OF[columns.kinds[index]](value))
        .filter((item) => item !== undefined);
    const name = named.length > 0 ? cells[columns.identifiers.length] : '';
    const kind = typed.length > 0 ? listOfType(cells[cells.length - 1]) : undefined;
    return {
        line: record.line,
        start: record.start,
        end: record.end,
        identifiers,
        identities,
        ...(name ? { name } : {}),
        ...(kind ? { kind } : {})
    };
}
/** Lenovo's bulk-import types, and the inventory list each device is in. */
function listOfType(type) {
    const key = type.toLowerCase().replace(/[^a-z]/g, '');
    if (['server', 'servers', 'node', 'rackserver', 'towerserver', 'rack', 'tower', 'blade'].includes(key))
        return 'nodes';
    if (key === 'chassis')
        return 'chassis';
    if (key === 'switch' || key === 'switches')
        return 'switches';
    if (key === 'storage' || key === 'storages')
        return 'storages';
    return undefined;
}
const IDENTITY_OF = {
    address: addressIdentity,
    serial: serialIdentity,
    uuid: uuidIdentity
};
/** Serial-number and UUID columns say so in their names; every other identifier column holds an address. */
function identifierKind(key) {
    if (key.includes('serial'))
        return 'serial';
    if (key.includes('uuid'))
        return 'uuid';
    return 'address';
}
function columnsOf(fields) {
    const names = fields.map(field => field.trim());
    const keys = names.map(name => name.toLowerCase().replace(/[^a-z0-9]/g, ''));
    const where = (test) => keys.map((key, index) => (test(key) ? index : -1)).filter(index => index >= 0);
    const name = where(key => key === 'displayname' || key === 'name' || key === 'devicename' || key === 'servername');
    const identifiers = where(isIdentifierColumn);
    const type = where(key => key === 'type' || key === 'devicetype')[0];
    return {
        names,
        identifiers,
        ...(type !== undefined ? { type } : {}),
        kinds: identifiers.map(index => identifierKind(keys[index])),
        name: name[0],
        credentials: names.map((column, index) => (CREDENTIAL_COLUMN.test(column) ? index : -1)).filter(i => i >= 0)
    };
}
/** Addresses (IP Address, Host Name, FQDN, BMC IP…), serial numbers and UUIDs: what says which device a row is. */
function isIdentifierColumn(key) {
    if (key.includes('mac'))
        return false;
    return (/ipaddress|hostname|ipv4|ipv6|serial|uuid/.test(key) ||
        ['ip', 'ips', 'host', 'address', 'addresses', 'fqdn'].includes(key) ||
        /^(bmc|xcc|imm|cmm|mgmt|management)(ip|address|host)$/.test(key));
}

// EXTERNAL MODULE: ./src/settings/input-file.ts
var input_file = __webpack_require__(36);
// EXTERNAL MODULE: ./src/settings/input-output-names.ts
var input_output_names = __webpack_require__(2378);
;// CONCATENATED MODULE: ./src/settings/csv-file.ts
// csv-file: the bulk-import CSVs named by the input (one per line, or
// comma-separated; an entry that names no file is a glob pattern, expanded in
// sorted order: file-finder.ts), each read as the untrusted pointer it is (a
// regular file of the workspace, with a bound: input-file.ts) and checked as
// a bulk-import CSV (import/csv.ts). A file is imported once, however often
// and however it is named (`servers.csv`, `./servers.csv`, `inv/*.csv`, a
// link): files are told apart by what they are, their real path.




/** Files one step imports at most, and parts (of up to 300 devices, one job each): 15,000 devices. */
const MAX_FILES = 50;
const MAX_PARTS = 50;
const GLOB = /[*?[\]{}]/;
const PATTERN_FORM = 'Expected a path or a glob pattern (inventory/*.csv) that matches regular files of the workspace; a file whose name holds [ ] ? * { is named as it is, and \\ escapes such a character in a pattern.';
/** Whether csv-file holds a glob pattern (the roots then load the file finder). */
function hasGlobPattern(text) {
    return GLOB.test(text);
}
/** The files, in the order given (each pattern's matches sorted), each file once; undefined after a problem. */
function readCsvFiles(inputs, files) {
    const findFiles = files.find;
    const entries = inputs
        .value(input_output_names/* Input */.pd.CsvFile)
        .split(/\r?\n|,/)
        .map(entry => entry.trim())
        .filter(Boolean);
    const paths = [];
    let ok = true;
    for (const entry of entries) {
        let matches;
        try {
            matches = GLOB.test(entry) && findFiles ? findFiles(entry, MAX_FILES + 1) : [entry];
        }
        catch (error) {
            if (!(error instanceof input_file/* FileRefused */.rV))
                throw error;
            ok = false;
            inputs.fail(input_output_names/* Input */.pd.CsvFile, `has the pattern '${(0,common_text/* shortValue */.wm)(entry)}', which ${error.reason}. ${PATTERN_FORM}`);
            continue;
        }
        if (matches.length === 0) {
            ok = false;
            inputs.fail(input_output_names/* Input */.pd.CsvFile, `has the pattern '${(0,common_text/* shortValue */.wm)(entry)}', which matches no file. ${PATTERN_FORM}`);
        }
        for (const path of matches)
            if (!paths.includes(path))
                paths.push(path);
    }
    if (paths.length > MAX_FILES) {
        inputs.fail(input_output_names/* Input */.pd.CsvFile, `names ${(0,common_text/* plural */.LS)(paths.length, 'file')}; at most ${MAX_FILES} can be imported by one step.`);
        return undefined;
    }
    const read = readFiles(inputs, files.readSent, paths);
    if (!read)
        return undefined;
    const several = read.length > 1;
    const parsed = read.map(({ path, bytes }) => parseCsvFile(inputs, path, bytes, several));
    return ok && parsed.every((file) => file !== undefined) ? parsed : undefined;
}
/** Each path read, a file named twice (or by two paths that lead to it) once; undefined after a problem. */
function readFiles(inputs, readFile, paths) {
    const seen = new Set();
    const read = [];
    let ok = true;
    for (const path of paths) {
        const file = readOne(inputs, readFile, path);
        if (!file)
            ok = false;
        else if (!seen.has(file.realPath)) {
            seen.add(file.realPath);
            read.push({ path, bytes: file.bytes });
        }
    }
    return ok ? read : undefined;
}
function readOne(inputs, readFile, path) {
    try {
        return readFile(path, MAX_CSV_BYTES);
    }
    catch (error) {
        if (!(error instanceof input_file/* FileRefused */.rV))
            throw error;
        return inputs.fail(input_output_names/* Input */.pd.CsvFile, `names '${(0,common_text/* shortValue */.wm)(path)}', which ${error.reason}. Expected a regular file in the workspace.`);
    }
}
function parseCsvFile(inputs, path, bytes, several) {
    const csv = parseCsv(path, bytes);
    if (!('problem' in csv))
        return csv;
    // With several files, the file each problem is about comes first.
    return inputs.fail(input_output_names/* Input */.pd.CsvFile, several ? `file '${(0,common_text/* shortValue */.wm)(path)}' ${csv.problem}` : csv.problem);
}

;// CONCATENATED MODULE: ./src/settings/host.ts
// The appliance address as people write it: `lxca.example.com`, `10.0.0.5`,
// `host:8443`, `[fe80::1]`, or a URL `https://host[:port][/]`.

function parseHost(text) {
    let candidate = text;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
        // A bare IPv6 address has colons that would read as a port.
        if ((0,external_node_net_.isIPv6)(candidate))
            candidate = `[${candidate}]`;
        candidate = `https://${candidate}`;
    }
    let url;
    try {
        url = new URL(candidate);
    }
    catch {
        return { ok: false, reason: 'it is not a valid host name, address or URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { ok: false, reason: `the scheme ${url.protocol.slice(0, -1)}:// is not supported` };
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return {
            ok: false,
            reason: 'http:// would send the credentials in clear text; use https:// (http:// is allowed only to a loopback address)'
        };
    }
    if (url.username || url.password) {
        return { ok: false, reason: 'it must not contain credentials; use the username and password inputs' };
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        return { ok: false, reason: 'it must not contain a path, query or fragment' };
    }
    if (!url.hostname)
        return { ok: false, reason: 'it has no host name' };
    return { ok: true, url: new URL(`${url.protocol}//${url.host}`) };
}
/** Loopback as the runner's proxy rules and our http:// rule see it. */
function isLoopback(hostname) {
    const name = hostname.toLowerCase();
    return name === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '[::1]' || name === '::1';
}

;// CONCATENATED MODULE: ./src/settings/input-reader.ts
// Reading inputs while collecting every problem, so that all of them are
// reported at once, each naming the input (or environment variable) and the
// form it expects. Who names it is up to the caller: the Action says
// "Input 'timeout'", the command line "--timeout" or "LXCA_TIMEOUT".


const DURATION_FORM = 'a duration such as 500ms, 90s, 15m or 1h30m (a bare number is seconds)';
class InputReader {
    source;
    problems = [];
    constructor(source) {
        this.source = source;
    }
    /** The trimmed value, or `fallback` when empty. */
    value(name, fallback = '') {
        return this.source(name).trim() || fallback;
    }
    required(name, form) {
        const text = this.value(name);
        return text === '' ? this.fail(name, `is required. Expected ${form}.`) : text;
    }
    fail(input, message) {
        this.problems.push({ input, message });
        return undefined;
    }
    failVariable(variable, message) {
        this.problems.push({ variable, message });
        return undefined;
    }
    duration(name, fallback, minMs, maxMs) {
        const text = this.value(name, fallback);
        if (/^-/.test(text))
            return this.fail(name, `must be positive; got '${(0,common_text/* shortValue */.wm)(text)}'. Expected ${DURATION_FORM}.`);
        const ms = (0,duration/* parseDuration */.E)(text);
        if (ms === undefined)
            return this.fail(name, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected ${DURATION_FORM}.`);
        if (ms < minMs || ms > maxMs) {
            const range = `between ${(0,duration/* formatDuration */.a)(minMs)} and ${(0,duration/* formatDuration */.a)(maxMs)}`;
            return this.fail(name, `must be ${range}; got '${(0,common_text/* shortValue */.wm)(text)}'.`);
        }
        return ms;
    }
    /** true/True/TRUE or false/False/FALSE, as core.getBooleanInput reads them. */
    boolean(name, fallback) {
        const text = this.value(name, String(fallback));
        if (/^(true|True|TRUE)$/.test(text))
            return true;
        if (/^(false|False|FALSE)$/.test(text))
            return false;
        return this.fail(name, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected true or false.`);
    }
    /** One of `choices`, compared case-insensitively. */
    choice(name, fallback, choices) {
        const text = this.value(name, fallback).toLowerCase();
        const found = choices.find(choice => choice === text);
        if (found)
            return found;
        const expected = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
        return this.fail(name, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected ${expected}.`);
    }
}

;// CONCATENATED MODULE: ./src/settings/proxy.ts
const proxy_FORM = 'Expected http://host:port, or http://user:password@host:port with special characters percent-encoded (% as %25, @ as %40)';
/** The proxy for `target`, undefined for a direct connection; problems go to `inputs`. */
function readProxy(target, environment, inputs) {
    const names = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
    const name = names.find(candidate => environment.variable(candidate)?.trim());
    if (name === undefined || environment.bypass(target))
        return undefined;
    const text = (environment.variable(name) ?? '').trim();
    const shown = `'${redact(text)}'`;
    let url;
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    }
    catch {
        return inputs.failVariable(name, `has an invalid value ${shown}: it is not a URL. ${proxy_FORM}.`);
    }
    if (url.protocol !== 'http:') {
        return inputs.failVariable(name, `has the value ${shown}: only http:// proxies are supported. ${proxy_FORM}.`);
    }
    try {
        decodeURIComponent(url.username);
        decodeURIComponent(url.password);
    }
    catch {
        return inputs.failVariable(name, `has a user name or password that is not percent-encoded. ${proxy_FORM}.`);
    }
    return url;
}
/** The value without its password, for messages: `http://user:***@host:3128`. */
function redact(text) {
    // Up to the last '@': a password may hold an unencoded '@' too.
    const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
        ? text.replace(/^([^:/]*:\/\/[^:@/]*:).*@/, '$1***@')
        : text.replace(/^([^:@/]*:).*@/, '$1***@');
    return shown.length > 100 ? `${shown.slice(0, 97)}…` : shown;
}

;// CONCATENATED MODULE: ./src/settings/tls-inputs.ts
// The TLS inputs, in the forms people paste: a CA or the appliance's own
// certificate as PEM text (with `subject=…` lines or `openssl x509 -text`
// output around it) or as a file path; a SHA-256 fingerprint as openssl
// prints it. Error messages never echo certificate text.




/** A CA bundle is a few kilobytes; a file larger than this is not one. */
const MAX_CA_BYTES = 1024 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
function readTls(inputs, readFile) {
    const ca = readCa(inputs, readFile);
    const serverName = inputs.value(input_output_names/* Input */.pd.TlsServerName) || undefined;
    if (serverName !== undefined && !HOST_NAME.test(serverName)) {
        inputs.fail(input_output_names/* Input */.pd.TlsServerName, `has an invalid value '${(0,common_text/* shortValue */.wm)(serverName)}'. Expected the DNS name in the appliance's certificate, for example lxca.example.com.`);
    }
    const fingerprint = readFingerprint(inputs);
    const insecure = inputs.boolean(input_output_names/* Input */.pd.InsecureSkipTlsVerify, false) ?? false;
    return { ca, serverName, fingerprint, insecure };
}
/** The PEM blocks of the certificates given, joined; every one must parse. */
function readCa(inputs, readFile) {
    const text = inputs.value(input_output_names/* Input */.pd.CaCertificate);
    if (text === '')
        return undefined;
    const form = 'Expected PEM text (-----BEGIN CERTIFICATE----- …) or the path of a PEM file.';
    let pem = text;
    if (!text.includes('-----BEGIN')) {
        // Certificate-like text without a PEM block is not a path: never echo it.
        if (/[\r\n]/.test(text))
            return inputs.fail(input_output_names/* Input */.pd.CaCertificate, `contains no PEM certificate. ${form}`);
        try {
            pem = readFile(text, MAX_CA_BYTES).bytes.toString('utf8');
        }
        catch (error) {
            if (!(error instanceof input_file/* FileRefused */.rV))
                throw error;
            return inputs.fail(input_output_names/* Input */.pd.CaCertificate, `names '${(0,common_text/* shortValue */.wm)(text)}', which ${error.reason}. ${form}`);
        }
    }
    const blocks = pem.match(PEM_BLOCK);
    if (!blocks)
        return inputs.fail(input_output_names/* Input */.pd.CaCertificate, `contains no certificate. ${form}`);
    for (const block of blocks) {
        try {
            new external_node_crypto_.X509Certificate(block);
        }
        catch {
            return inputs.fail(input_output_names/* Input */.pd.CaCertificate, `contains a certificate that cannot be parsed. ${form}`);
        }
    }
    return blocks.join('\n');
}
/** 64 hex digits in any case, colons optional, or openssl's `sha256 Fingerprint=AB:…` line. */
function readFingerprint(inputs) {
    const text = inputs.value(input_output_names/* Input */.pd.TlsFingerprint);
    if (!text)
        return undefined;
    const hex = text.replace(/^sha-?256(?:\s*fingerprint)?\s*[=:/]?\s*/i, '').replace(/[\s:]/g, '');
    if (/^[0-9a-f]{64}$/i.test(hex))
        return hex.toUpperCase().match(/../g).join(':');
    return inputs.fail(input_output_names/* Input */.pd.TlsFingerprint, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected the certificate's SHA-256 fingerprint: 64 hex digits, colons optional, as openssl x509 -noout -fingerprint -sha256 prints it.`);
}

;// CONCATENATED MODULE: ./src/settings/allowance-input.ts


const allowance_input_FORM = 'Expected a whole number of devices (0, 5) or a percentage of the devices from 0% to 100% (2%, 0.5%); the default 0 lets no device fail.';
/** Undefined for 0 (no device may fail) and for a bad value (the problem is recorded). */
function readAllowance(inputs) {
    const text = inputs.value(input_output_names/* Input */.pd.AllowedFailures, '0').trim();
    const count = /^\d{1,7}$/.exec(text);
    if (count)
        return Number(text) === 0 ? undefined : { count: Number(text) };
    const percent = /^(\d{1,3}(?:\.\d{1,3})?)\s*%$/.exec(text);
    if (percent && Number(percent[1]) <= 100)
        return Number(percent[1]) === 0 ? undefined : { percent: Number(percent[1]) };
    return inputs.fail(input_output_names/* Input */.pd.AllowedFailures, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. ${allowance_input_FORM}`);
}

;// CONCATENATED MODULE: ./src/settings/settings.ts
// Every input is read and validated here, once, before any request is made.
// A bad value never reaches the network: all problems are collected and
// reported together, each naming the input and the form it expects.











const DEFAULTS = {
    timeout: '60m',
    pollInterval: '15s',
    requestTimeout: '30s',
    maxRetries: '8',
    successResults: 'SUCCESS',
    authMethod: 'basic',
    jobType: 'csv',
    inventoryWait: '5m'
};
const MINUTE = 60_000;
/** LXCA takes at most 300 devices per CSV and 1,000 per appliance: 20 imports is already a lot. */
const MAX_JOBS = 20;
const HOST_FORM = 'Expected lxca.example.com, 10.0.0.5, host:8443 or https://host[:port].';
/** `files` reads the files inputs name (and, with `find`, expands glob patterns in csv-file). */
function readSettings(source, files, environment) {
    const inputs = new InputReader(source);
    const baseUrl = readBaseUrl(inputs);
    const upload = readUpload(inputs, files);
    const jobs = upload || inputs.value(input_output_names/* Input */.pd.CsvFile) ? [] : readJobs(inputs, baseUrl);
    const username = readUsername(inputs);
    // The password is never echoed, not even in part.
    const password = inputs.required(input_output_names/* Input */.pd.Password, 'the LXCA password, from a secret');
    if (password !== undefined && hasControl(password)) {
        inputs.fail(input_output_names/* Input */.pd.Password, 'must not contain control characters such as line breaks.');
    }
    const authMethod = inputs.choice(input_output_names/* Input */.pd.AuthMethod, 'basic', ['basic', 'session']);
    const timeoutMs = inputs.duration(input_output_names/* Input */.pd.Timeout, DEFAULTS.timeout, 1000, 5 * 24 * 60 * MINUTE);
    const pollIntervalMs = inputs.duration(input_output_names/* Input */.pd.PollInterval, DEFAULTS.pollInterval, 100, 60 * MINUTE);
    const requestTimeoutMs = inputs.duration(input_output_names/* Input */.pd.RequestTimeout, DEFAULTS.requestTimeout, 100, 10 * MINUTE);
    const maxRetries = readMaxRetries(inputs);
    const successResults = readSuccessResults(inputs);
    const tls = readTls(inputs, files.readTrusted);
    const proxy = baseUrl && environment ? readProxy(baseUrl, environment, inputs) : undefined;
    const allowance = readAllowance(inputs);
    const inventory = readInventorySettings(inputs);
    if (inputs.problems.length > 0)
        throw new errors/* InputError */.dz(inputs.problems);
    // Every value below was checked: a problem would have been thrown above.
    return {
        baseUrl: baseUrl,
        username: username,
        password: password,
        jobs,
        timeoutMs: timeoutMs,
        pollIntervalMs: pollIntervalMs,
        requestTimeoutMs: requestTimeoutMs,
        maxRetries: maxRetries,
        successResults,
        authMethod: authMethod,
        tls,
        proxy,
        upload,
        allowance,
        inventory: inventory
    };
}
function readInventorySettings(inputs) {
    const skipManaged = inputs.boolean(input_output_names/* Input */.pd.SkipManaged, true);
    const verify = inputs.boolean(input_output_names/* Input */.pd.VerifyInventory, true);
    const waitMs = inputs.duration(input_output_names/* Input */.pd.InventoryWait, DEFAULTS.inventoryWait, 0, 24 * 60 * MINUTE);
    if (skipManaged === undefined || verify === undefined || waitMs === undefined)
        return undefined;
    return { skipManaged, verify, waitMs };
}
/** Exactly one of csv-file and job-id says what to wait for; validation-only goes with csv-file. */
function readUpload(inputs, files) {
    const csvGiven = inputs.value(input_output_names/* Input */.pd.CsvFile) !== '';
    const jobGiven = inputs.value(input_output_names/* Input */.pd.JobId) !== '';
    const validationOnly = inputs.boolean(input_output_names/* Input */.pd.ValidationOnly, false);
    if (csvGiven && jobGiven) {
        inputs.fail(input_output_names/* Input */.pd.CsvFile, 'and job-id are both set. Expected one of them: csv-file to start the import here, or job-id to wait for one started elsewhere.');
        return undefined;
    }
    if (!csvGiven && !jobGiven) {
        inputs.fail(input_output_names/* Input */.pd.JobId, 'is required, or csv-file. Expected csv-file (the bulk-import CSV to upload) or job-id (the job of an import started elsewhere, for example 4229).');
        return undefined;
    }
    if (validationOnly && !csvGiven) {
        inputs.fail(input_output_names/* Input */.pd.ValidationOnly, 'needs csv-file: it validates a CSV file on the appliance without importing it.');
    }
    const csvFiles = csvGiven ? readCsvFiles(inputs, files) : undefined;
    if (!csvFiles || validationOnly === undefined)
        return undefined;
    const parts = partsOf(csvFiles);
    if (parts.length > MAX_PARTS) {
        const devices = csvFiles.reduce((sum, file) => sum + file.rows.length, 0);
        inputs.fail(input_output_names/* Input */.pd.CsvFile, `lists ${devices.toLocaleString('en-US')} devices: ${parts.length} parts of at most 300, one job each; at most ${MAX_PARTS} parts (${(MAX_PARTS * 300).toLocaleString('en-US')} devices) can be imported by one step.`);
        return undefined;
    }
    return { files: csvFiles, parts, validationOnly };
}
function readBaseUrl(inputs) {
    const text = inputs.required(input_output_names/* Input */.pd.Host, 'the appliance address, for example lxca.example.com, 10.0.0.5:8443 or https://lxca.example.com');
    if (text === undefined)
        return undefined;
    const host = parseHost(text);
    if (host.ok)
        return host.url;
    return inputs.fail(input_output_names/* Input */.pd.Host, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}': ${host.reason}. ${HOST_FORM}`);
}
function readJobs(inputs, baseUrl) {
    const jobType = inputs.choice(input_output_names/* Input */.pd.JobType, DEFAULTS.jobType, ['csv', 'manage', 'unmanage']);
    const text = inputs.value(input_output_names/* Input */.pd.JobId);
    const jobs = [];
    for (const item of text?.split(/[\s,]+/).filter(Boolean) ?? []) {
        const job = (0,job_ref/* parseJobRef */.Yf)(item, jobType ?? DEFAULTS.jobType);
        const host = (0,job_ref/* jobTextHost */.xu)(item);
        if (!job) {
            inputs.fail(input_output_names/* Input */.pd.JobId, `has an invalid value '${(0,common_text/* shortValue */.wm)(item)}'. Expected a job ID of letters, digits, '-' or '_' (for example 4229), or a job path or URL such as /csvRequest/jobs/4229; several are separated by commas, spaces or new lines.`);
        }
        else if (baseUrl && host !== undefined && host !== baseUrl.host) {
            // Only the ID is used, on `host`: a URL naming another appliance would watch the wrong job.
            inputs.fail(input_output_names/* Input */.pd.JobId, `names the appliance ${(0,common_text/* shortValue */.wm)(host)} in '${(0,common_text/* shortValue */.wm)(item)}', but host is ${baseUrl.host}. Give the job of the appliance in host, or its bare ID.`);
        }
        else if (!jobs.some(known => known.id === job.id && known.type === job.type)) {
            jobs.push(job);
        }
    }
    if (jobs.length > MAX_JOBS) {
        inputs.fail(input_output_names/* Input */.pd.JobId, `lists ${jobs.length} jobs; at most ${MAX_JOBS} can be watched by one step.`);
    }
    return jobs;
}
function readUsername(inputs) {
    const username = inputs.required(input_output_names/* Input */.pd.Username, 'the LXCA user name');
    if (username !== undefined && (username.includes(':') || hasControl(username))) {
        return inputs.fail(input_output_names/* Input */.pd.Username, "must not contain ':' or control characters (HTTP Basic cannot carry them).");
    }
    return username;
}
function readMaxRetries(inputs) {
    const text = inputs.value(input_output_names/* Input */.pd.MaxRetries, DEFAULTS.maxRetries);
    if (/^\d{1,3}$/.test(text) && Number(text) <= 100)
        return Number(text);
    return inputs.fail(input_output_names/* Input */.pd.MaxRetries, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected a whole number from 0 to 100.`);
}
function readSuccessResults(inputs) {
    const text = inputs.value(input_output_names/* Input */.pd.SuccessResults, DEFAULTS.successResults);
    const results = text
        .split(',')
        .map(item => item.trim().toUpperCase())
        .filter(item => item !== '');
    if (results.length === 0 || !results.every(item => /^[A-Z0-9_]+$/.test(item))) {
        inputs.fail(input_output_names/* Input */.pd.SuccessResults, `has an invalid value '${(0,common_text/* shortValue */.wm)(text)}'. Expected comma-separated result names such as SUCCESS or SUCCESS,WARNING.`);
    }
    return results;
}
function hasControl(text) {
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f]/.test(text);
}

// EXTERNAL MODULE: ./src/report/files/result-files.ts + 1 modules
var result_files = __webpack_require__(3502);
;// CONCATENATED MODULE: ./src/action/runner.ts
function deferredRunner(importCore) {
    let core;
    let loading;
    const queue = [];
    let failure;
    // A call that throws (GITHUB_OUTPUT names a file that is gone) must not take
    // the calls after it down with it, nor end the step with a stack trace.
    const safely = (fn, loaded) => {
        try {
            fn(loaded);
        }
        catch (error) {
            failure ??= error instanceof Error ? error.message : String(error);
        }
    };
    const load = () => (loading ??= importCore().then(loaded => {
        core = loaded;
        for (const call of queue.splice(0))
            safely(call, loaded);
    }));
    const call = (fn) => {
        if (core)
            safely(fn, core);
        else
            queue.push(fn);
    };
    return {
        get failure() {
            return failure;
        },
        info: message => call(c => c.info(message)),
        warning: (message, place) => call(c => c.warning(message, propertiesOf(place))),
        error: (message, place) => call(c => c.error(message, propertiesOf(place))),
        debug: message => call(c => c.debug(message)),
        setSecret: value => call(c => c.setSecret(value)),
        setOutput: (name, value) => call(c => c.setOutput(name, value)),
        setFailed: message => call(c => c.setFailed(message)),
        async group(name, body) {
            call(c => c.startGroup(name));
            try {
                return await body();
            }
            finally {
                call(c => c.endGroup());
            }
        },
        load: () => void load(),
        ready: load
    };
}
/** @actions/core's annotation properties: only those given (a title alone, or a file and its line). */
function propertiesOf(place) {
    return {
        ...(place?.title ? { title: place.title } : {}),
        ...(place?.file ? { file: place.file } : {}),
        ...(place?.file && place.line !== undefined ? { startLine: place.line } : {})
    };
}

;// CONCATENATED MODULE: ./src/action/main.ts
// The GitHub Action's composition root: with index.ts, results.ts and
// runner.ts, the only code that touches @actions/core, the process and the
// environment. It reads the inputs, runs the gate, and turns the outcome into
// the step summary, outputs, annotations and exactly one exit decision.
//
// Everything it takes from the process is a default of ActionOptions, so
// tests run it in-process with their own environment, core and clock (as
// actions/typescript-action's run() is tested).













/** Should the first answer be slow, @actions/core is loaded after this long anyway, so log lines are not held back. */
const LOAD_CORE_AFTER_MS = 250;
/** Runs the step; without a signal (as under @github/local-action), it listens for SIGINT and SIGTERM itself. */
async function run(options = {}) {
    const signal = options.signal ?? listenForCancel();
    const runner = deferredRunner(options.loadCore ?? (() => __webpack_require__.e(/* import() */ 889).then(__webpack_require__.bind(__webpack_require__, 1889))));
    setTimeout(() => runner.load(), LOAD_CORE_AFTER_MS).unref();
    const announce = () => runner.info(`${String(signal.reason ?? 'Cancel')} received: cancelling, then writing the summary.`);
    if (signal.aborted)
        announce();
    else
        signal.addEventListener('abort', announce, { once: true });
    // Created here so that even a bug's message is scrubbed of a secret it might quote. Every
    // secret is masked in the runner's log as soon as it is known, and scrubbed from every report.
    const secrets = new SecretSet(value => runner.setSecret(value));
    const env = options.env ?? process.env;
    const cwd = options.cwd ?? process.cwd();
    const context = { env, cwd, runner, secrets };
    try {
        await gate(context, options, signal);
    }
    catch (error) {
        // A bug of ours: still one readable line and a summary, never a stack trace on the run page.
        ;
        (await __webpack_require__.e(/* import() */ 247).then(__webpack_require__.bind(__webpack_require__, 247))).reportUnexpectedError(secrets.scrub((0,errors/* messageOf */.bD)(error)), context, errorPlaces(env));
    }
    finally {
        await runner.ready();
    }
    if (runner.failure) {
        // The runner's own files failed us: say so in the log, the one channel left, and fail the step.
        ;
        (options.failStep ?? failStep)(`::error::Could not write the step's results to the runner: ${runner.failure}`);
    }
}
/** Where the files of a run that reached no job go: the summary and JUnit, in RUNNER_TEMP as always. */
function errorPlaces(env) {
    return (0,result_files/* folderPlaces */.FO)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), undefined);
}
function failStep(line) {
    process.stdout.write(`${line}\n`);
    process.exitCode = 1;
}
function listenForCancel() {
    const cancel = new AbortController();
    const onSignal = (name) => {
        if (!cancel.signal.aborted)
            cancel.abort(name);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return cancel.signal;
}
/**
 * Files whose content we send (csv-file): regular files of the workspace
 * (GITHUB_WORKSPACE, or the working folder) or of RUNNER_TEMP, relative paths
 * taken from the working folder, as the runner starts the step in the
 * workspace. A CA file may be anywhere (anywhereFileReader).
 */
function workspacePolicy(env, cwd) {
    const roots = [env.GITHUB_WORKSPACE || cwd, env.RUNNER_TEMP].filter((root) => Boolean(root));
    return { base: cwd, roots };
}
async function gate(context, options, signal) {
    const { env, runner, secrets } = context;
    /** An input as the runner passes it (core.getInput's contract: INPUT_<NAME>, trimmed). */
    const input = (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    // Masked before anything else can print, even an error about another input;
    // and scrubbed from every report, where the runner's masking cannot reach.
    secrets.add(input(input_output_names/* Input */.pd.Password));
    let settings;
    try {
        const policy = workspacePolicy(env, context.cwd);
        // The glob matcher is loaded only for a pattern: it is not on the way to the first request otherwise.
        const find = hasGlobPattern(input(input_output_names/* Input */.pd.CsvFile))
            ? (await Promise.all(/* import() */[__webpack_require__.e(615), __webpack_require__.e(328)]).then(__webpack_require__.bind(__webpack_require__, 8328))).inputFileFinder(policy)
            : undefined;
        const files = { readSent: (0,input_file/* inputFileReader */.gQ)(policy), readTrusted: (0,input_file/* anywhereFileReader */.b$)(context.cwd), find };
        // The runner's proxy variables, with @actions/http-client's NO_PROXY rule.
        settings = readSettings(input, files, { variable: name => env[name], bypass: proxy/* checkBypass */.H });
    }
    catch (error) {
        if (!(error instanceof errors/* InputError */.dz))
            throw error;
        (await __webpack_require__.e(/* import() */ 247).then(__webpack_require__.bind(__webpack_require__, 247))).reportInputErrors(error, context, errorPlaces(env));
        return;
    }
    // The run's files go to a folder of RUNNER_TEMP; the report is written job by job, as each wait ends.
    const places = (0,result_files/* folderPlaces */.FO)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), settings.upload?.files[0]?.name);
    const keyed = (settings.upload?.parts.length ?? settings.jobs.length) > 1;
    const report = (0,result_files/* openReport */.NL)(places, keyed, secrets.scrub);
    const outcome = await runGate(settings, {
        clock: options.clock ?? systemClock,
        random: options.random ?? Math.random,
        signal,
        secrets,
        // The runner keeps an output's last value: a step killed while it waits still names the job it started.
        onJobStarted: jobs => runner.setOutput(input_output_names/* Output */.k7.JobId, jobs.map(job => job.id).join(',')),
        onFirstAnswer: () => runner.load(),
        onDocument: (job, body) => report?.add(job, body),
        // The runner masks what it was told to; scrubbing too keeps a secret the appliance echoes out of the raw log.
        // Every line one line: a file name or server text with a line break must not start a workflow command.
        log: {
            info: line => runner.info((0,common_text/* oneLine */.TN)(secrets.scrub(line))),
            warning: (line, title) => runner.warning((0,common_text/* oneLine */.TN)(secrets.scrub(line)), { title: (0,common_text/* oneLine */.TN)(title) }),
            debug: line => runner.debug((0,common_text/* oneLine */.TN)(secrets.scrub(line))),
            group: (name, body) => runner.group((0,common_text/* oneLine */.TN)(secrets.scrub(name)), body)
        }
    });
    (await __webpack_require__.e(/* import() */ 247).then(__webpack_require__.bind(__webpack_require__, 247))).report(settings, outcome, context, { places, reported: report?.close() ?? false });
}


/***/ }),

/***/ 5541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
// Durations as people write them in workflow files: `500ms`, `90s`, `15m`,
// `1h30m`, `2d`; a bare number is seconds (what `timeout-minutes` users expect
// of a unit-less value in seconds-based tools such as curl and kubectl).
const UNIT_MS = {
    d: 86_400_000,
    h: 3_600_000,
    m: 60_000,
    s: 1_000,
    ms: 1
};
// Units must come largest first and at most once each: `1h30m`, not `30m1h`.
const DURATION = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const UNITS_IN_ORDER = ['d', 'h', 'm', 's', 'ms'];
/** Milliseconds, or undefined when `text` is not a duration. */
function parseDuration(text) {
    const compact = text.replace(/\s+/g, '').toLowerCase();
    if (compact === '')
        return undefined;
    if (/^\d+(?:\.\d+)?$/.test(compact))
        return Math.round(Number(compact) * 1000);
    const match = DURATION.exec(compact);
    if (!match)
        return undefined;
    let total = 0;
    UNITS_IN_ORDER.forEach((unit, index) => {
        const amount = match[index + 1];
        if (amount !== undefined)
            total += Number(amount) * UNIT_MS[unit];
    });
    return Math.round(total);
}
/** A short human duration: `850 ms`, `12.5 s`, `4m 12s`, `1h 5m`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '?';
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${trimZero((ms / 1000).toFixed(1))} s`;
    const totalSeconds = Math.round(ms / 1000);
    const days = Math.floor(totalSeconds / 86_400);
    const hours = Math.floor((totalSeconds % 86_400) / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    if (days > 0)
        return `${days}d ${hours}h`;
    if (hours > 0)
        return `${hours}h ${minutes}m`;
    return `${minutes}m ${seconds}s`;
}
function trimZero(text) {
    return text.endsWith('.0') ? text.slice(0, -2) : text;
}


/***/ }),

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ky: () => (/* binding */ RequestFault)
/* harmony export */ });
/* unused harmony export UsageError */
// Typed errors. Each carries what the caller needs to decide (retry or not)
// and a message written for the person reading the run page.
/** How the Action names a problem's subject. */
function actionSubject(problem) {
    return problem.input !== undefined ? `Input '${problem.input}'` : `Environment variable ${problem.variable}`;
}
/** One or more inputs are invalid. Raised before any request is made. */
class InputError extends Error {
    problems;
    /** Each problem as one sentence, named the Action's way (the command line names its flags instead). */
    sentences;
    constructor(problems) {
        const sentences = problems.map(problem => `${actionSubject(problem)} ${problem.message}`);
        super(sentences.join('\n'));
        this.problems = problems;
        this.sentences = sentences;
        this.name = 'InputError';
    }
}
/** A command line that cannot be read (an unknown flag, a flag without its value): one sentence, no stack trace. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/**
 * Something went wrong while asking the appliance. `retryable` separates "the
 * network hiccuped, ask again" from "asking again cannot help".
 */
class RequestFault extends Error {
    kind;
    retryable;
    retryAfter;
    status;
    sent;
    code;
    endpoint;
    constructor(kind, message, retryable, details = {}) {
        super(message);
        this.kind = kind;
        this.retryable = retryable;
        this.name = 'RequestFault';
        this.retryAfter = details.retryAfter;
        this.status = details.status;
        this.sent = details.sent;
        this.code = details.code;
        this.endpoint = details.endpoint;
    }
    /** The same fault, with more known about it (whether it was sent, how the appliance authenticates…). */
    with(details, retryable = this.retryable) {
        const { retryAfter, status, sent, code, endpoint } = this;
        return new RequestFault(this.kind, this.message, retryable, {
            ...{ retryAfter, status, sent, code, endpoint },
            ...details
        });
    }
}
/** A message for any thrown value, without a stack trace. */
function messageOf(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}


/***/ }),

/***/ 9927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ bodyText),
/* harmony export */   n: () => (/* binding */ isObject)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2450);
// JSON as the appliance sends it: a body as text (without the byte-order
// mark some servers put before it), and the one test of "an object".

/**
 * The text of each body decoded so far: the job document is parsed, then
 * scrubbed into the report file, and a 7.7 MiB document is decoded once for
 * both. Held only as long as the body itself is.
 */
const decoded = new WeakMap();
/** A body as text, without a UTF-8 byte-order mark (not JSON, but some servers send one); decoded once. */
function bodyText(body) {
    let text = decoded.get(body);
    if (text === undefined)
        decoded.set(body, (text = body.toString('utf8', (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .bomLength */ .L1)(body))));
    return text;
}
/** A JSON object (not an array, not null). */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 2450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   L1: () => (/* binding */ bomLength),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Rp: () => (/* binding */ MONITORING),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   oh: () => (/* binding */ thousands),
/* harmony export */   pF: () => (/* binding */ singleLine),
/* harmony export */   sK: () => (/* binding */ capitalise),
/* harmony export */   sb: () => (/* binding */ clause),
/* harmony export */   wm: () => (/* binding */ shortValue)
/* harmony export */ });
/** Where the appliance's web interface lists jobs. */
const MONITORING = 'XClarity Administrator › Monitoring › Jobs';
/** C0 and C1 controls (ESC and CSI move a terminal's cursor), DEL, and the Unicode line separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const VISIBLE = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/**
 * A log line as one line, whatever it quotes: a file name or server text
 * with a line break would otherwise start a line of its own, and a line that
 * starts with `::` is a workflow command to the runner (`::stop-commands::`);
 * an escape sequence would move the cursor of a terminal. Every control
 * character is shown escaped instead (`\n`, `\u001b`).
 */
function oneLine(text) {
    return text.replace(CONTROL_CHAR, char => VISIBLE[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** One line, no control characters, not too long: safe for logs and annotations. */
function singleLine(text, max = 300) {
    // No more input than the output can hold (with a margin for runs of white space that collapse).
    const bounded = text.length > max + 256 ? text.slice(0, max + 256) : text;
    const line = bounded.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
    if (line.length > max)
        return `${line.slice(0, max - 1)}…`;
    return bounded === text ? line : `${line}…`;
}
/**
 * Server text as one short line for a message: scrubbed of secrets first and
 * cut after, so that no part of a secret straddling the cut survives. Only the
 * first 64 KiB are looked at (the cut keeps far less).
 */
function excerpt(text, max, secrets) {
    const room = 65_536 + secrets.longest;
    const cut = text.length > room;
    const line = singleLine(secrets.scrub(cut ? text.slice(0, room) : text), max);
    return cut && !line.endsWith('…') ? `${line}…` : line;
}
/** `17%`; `?%` when unknown. Floors, so a job at 99.9 % never reads "100%". */
function percent(progress) {
    return progress === undefined ? '?%' : `${Math.floor(Math.min(100, Math.max(0, progress)))}%`;
}
/** `1 device`, `1,000 devices`; `retry` → `retries`. */
function plural(count, noun) {
    const many = /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
    return `${thousands(count)} ${count === 1 ? noun : many}`;
}
/**
 * `1,000,000`: as `toLocaleString('en-US')` writes it, without its cost for
 * the integers that every count is (it is called for every device of a
 * large job); anything else goes to toLocaleString.
 */
function thousands(n) {
    if (!Number.isSafeInteger(n) || Object.is(n, -0))
        return n.toLocaleString('en-US');
    const digits = String(Math.abs(n));
    if (digits.length <= 3)
        return n < 0 ? `-${digits}` : digits;
    let out = digits.slice(0, digits.length % 3 || 3);
    for (let i = out.length; i < digits.length; i += 3)
        out += `,${digits.slice(i, i + 3)}`;
    return n < 0 ? `-${out}` : out;
}
/**
 * Text to be followed by our own punctuation: without its final full stop,
 * so that server text ending in "." and our ". Check …" never make "..".
 */
/** The sentence with its first letter in upper case. */
function capitalise(sentence) {
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
function clause(text) {
    return text.replace(/[\s.]+$/, '');
}
/** The length of the UTF-8 byte-order mark `bytes` start with: 3, or 0 when there is none. */
function bomLength(bytes) {
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
/** Echo a bad value back, but never a wall of text. */
function shortValue(text) {
    const line = text.replace(/\s+/g, ' ');
    return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}


/***/ }),

/***/ 2879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jf: () => (/* binding */ jobPath),
/* harmony export */   Ne: () => (/* binding */ jobUrl),
/* harmony export */   Yf: () => (/* binding */ parseJobRef),
/* harmony export */   xu: () => (/* binding */ jobTextHost)
/* harmony export */ });
// Which job to watch. LXCA returns the job of a bulk import, manage or
// unmanage request as a bare ID or as its `Location` path; people paste
// either, so both are accepted. Whatever is given, only a plain ID (letters,
// digits, `-`, `_`) ever reaches a URL: no path tricks reach the appliance.
const JOB_TYPES = {
    csv: 'csvRequest',
    manage: 'manageRequest',
    unmanage: 'unmanageRequest'
};
const PLAIN_ID = /^[A-Za-z0-9_-]{1,128}$/;
const JOB_PATH = /^\/?(csvRequest|manageRequest|unmanageRequest)\/jobs\/([^/]*)\/?$/i;
/** The job, or undefined when `text` is neither a plain ID nor a job path/URL. */
function parseJobRef(text, defaultType) {
    let path = text;
    if (/^https?:\/\//i.test(text)) {
        let url;
        try {
            url = new URL(text);
        }
        catch {
            return undefined;
        }
        if (url.search || url.hash)
            return undefined;
        path = url.pathname;
    }
    if (!path.includes('/'))
        return PLAIN_ID.test(path) ? { id: path, type: defaultType } : undefined;
    const match = JOB_PATH.exec(path);
    if (!match || !PLAIN_ID.test(match[2]))
        return undefined;
    const segment = match[1].toLowerCase();
    const type = Object.keys(JOB_TYPES).find(key => JOB_TYPES[key].toLowerCase() === segment);
    return type ? { id: match[2], type } : undefined;
}
/** The `host[:port]` a job URL names (`https://h:8443/csvRequest/jobs/1` → `h:8443`); undefined for an ID or a path. */
function jobTextHost(text) {
    if (!/^https?:\/\//i.test(text))
        return undefined;
    try {
        return new URL(text).host;
    }
    catch {
        return undefined;
    }
}
/** `/csvRequest/jobs/4229`. */
function jobPath(job) {
    return `/${JOB_TYPES[job.type]}/jobs/${job.id}`;
}
/** The job's path resolved against the appliance's base URL. */
function jobUrl(baseUrl, job) {
    return new URL(jobPath(job), baseUrl);
}


/***/ }),

/***/ 9225:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ru: () => (/* binding */ userActionOf),
/* harmony export */   no: () => (/* binding */ assess),
/* harmony export */   o2: () => (/* binding */ stepPathLabel),
/* harmony export */   tu: () => (/* binding */ isFailedState)
/* harmony export */ });
/* unused harmony export isDone */
function assess(job, successResults) {
    const done = isDone(job);
    const success = new Set(successResults.map(result => result.toUpperCase()));
    const devices = job.devices.map((device) => {
        // No result yet: still at work, whatever its progress says.
        if (device.result === undefined)
            return { device, state: 'pending', stepPath: currentStepPath(device.steps) };
        if (success.has(device.result.toUpperCase()))
            return { device, state: 'succeeded', stepPath: [] };
        if (done || device.done)
            return { device, state: 'failed', stepPath: failedStepPath(device.steps) };
        return { device, state: 'pending', stepPath: currentStepPath(device.steps) };
    });
    const count = (state) => devices.filter(item => item.state === state).length;
    const failed = count('failed');
    const unreported = done ? devices.filter(item => item.device.result === undefined) : [];
    return {
        // In a finished job, a device is succeeded, failed, or without a result (unreported): no other pending.
        verdict: verdictOf(done, devices.length, failed, unreported.length),
        progress: job.progress,
        devices,
        succeeded: count('succeeded'),
        failed,
        pending: count('pending'),
        unreported
    };
}
function verdictOf(done, devices, failed, unreported) {
    if (!done)
        return 'running';
    if (devices === 0)
        return 'empty';
    // Before failure: a device we know nothing about may be the only one that matters.
    if (unreported > 0)
        return 'unreported';
    return failed === 0 ? 'success' : 'failure';
}
/** Done when the job says 100 %, or when every device says its part is done. */
function isDone(job) {
    if ((job.progress ?? 0) >= 100)
        return true;
    return job.devices.length > 0 && job.devices.every(device => device.done);
}
/** LXCA's error states; unknown states that mention an error or failure count too. */
function isFailedState(state) {
    if (!state)
        return false;
    const lower = state.toLowerCase();
    return lower === 'cancelled' || lower === 'interrupted' || lower.includes('error') || lower.includes('fail');
}
function isCompleteState(state) {
    return state?.toLowerCase() === 'complete';
}
/** Labels of a step path: `Inventory › Chassis inventory`. */
function stepPathLabel(path) {
    return path.map(node => node.label).join(' › ');
}
/**
 * The first failed step, descending into failed children so the path ends at
 * the most specific step. When no step says it failed (leaf states can be
 * stale), the first unfinished step is the best pointer there is.
 */
function failedStepPath(steps) {
    const failed = firstPath(steps, node => isFailedState(node.state));
    return failed.length > 0 ? failed : currentStepPath(steps);
}
/** The step in progress: the first running step, else the first one not complete. */
function currentStepPath(steps) {
    const running = firstPath(steps, node => node.state?.toLowerCase() === 'running');
    return running.length > 0 ? running : firstPath(steps, node => !isCompleteState(node.state));
}
function firstPath(nodes, matches) {
    for (const node of nodes) {
        const inner = firstPath(node.children, matches);
        if (inner.length > 0)
            return [node, ...inner];
        if (matches(node))
            return [node];
    }
    return [];
}
/** The user action LXCA gives closest to where the device stopped: deepest on its step path, else the first anywhere. */
function userActionOf(item) {
    for (let i = item.stepPath.length - 1; i >= 0; i--)
        if (item.stepPath[i].userAction)
            return item.stepPath[i].userAction;
    const stack = [...item.device.steps];
    while (stack.length > 0) {
        const node = stack.shift();
        if (node.userAction)
            return node.userAction;
        stack.unshift(...node.children);
    }
    return undefined;
}


/***/ }),

/***/ 4577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eb: () => (/* binding */ Reachability),
/* harmony export */   j_: () => (/* binding */ UNREACHABLE_GRACE_MS),
/* harmony export */   yA: () => (/* binding */ findsNothing)
/* harmony export */ });
/** How long nothing may answer before the run says so and stops. */
const UNREACHABLE_GRACE_MS = 30_000;
/**
 * System codes that mean nothing answers at that address: refused, no route,
 * no such name (ENOTFOUND ends the run at once anyway: it is not retried).
 */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN', 'ENOTFOUND']);
function findsNothing(fault) {
    return fault.kind === 'network' && NOTHING_THERE.has(fault.code ?? '');
}
class Reachability {
    answered = false;
    since;
    /** Something answered: the appliance is there. */
    heard() {
        this.answered = true;
        this.since = undefined;
    }
    /** After `fault` at `now`: for how long nothing has answered, or undefined when that is not the question. */
    silentFor(fault, now) {
        if (fault.status !== undefined)
            this.heard();
        if (this.answered || !findsNothing(fault))
            return undefined;
        this.since ??= now;
        return now - this.since;
    }
}


/***/ }),

/***/ 3060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ worstStatus),
/* harmony export */   f: () => (/* binding */ STATUSES)
/* harmony export */ });
// The six ways a run can end, described once: how bad each is (for the
// worst of several jobs), whether the step passes, the command line's exit
// code, how reports show it, and in which order a reader wants them.
const STATUSES = {
    success: {
        severity: 0,
        passes: true,
        exitCode: 0,
        icon: '✅',
        mark: '✔',
        tint: 'green',
        verb: 'succeeded',
        readingOrder: 5
    },
    partial: {
        severity: 1,
        passes: true,
        exitCode: 0,
        // Not ⚠️ (an error's): a partial run passed, and must not look like one that could not be checked.
        icon: '☑️',
        mark: '▲',
        tint: 'yellow',
        verb: 'passed within allowed-failures',
        readingOrder: 4
    },
    failure: {
        severity: 2,
        passes: false,
        exitCode: 1,
        icon: '❌',
        mark: '✖',
        tint: 'red',
        verb: 'failed',
        readingOrder: 0
    },
    timeout: {
        severity: 3,
        passes: false,
        exitCode: 2,
        icon: '⏱️',
        mark: '⏱',
        tint: 'yellow',
        verb: 'timed out',
        readingOrder: 2
    },
    error: {
        severity: 4,
        passes: false,
        exitCode: 3,
        icon: '⚠️',
        mark: '!',
        tint: 'red',
        verb: 'could not be checked',
        readingOrder: 1
    },
    cancelled: {
        severity: 5,
        passes: false,
        exitCode: 130,
        icon: '🚫',
        mark: '⊘',
        tint: 'yellow',
        verb: 'cancelled',
        readingOrder: 3
    }
};
function worstStatus(statuses) {
    return statuses.reduce((worst, status) => (STATUSES[status].severity > STATUSES[worst].severity ? status : worst), 'success');
}


/***/ }),

/***/ 1286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GH: () => (/* binding */ refuseRepeatedJob),
/* harmony export */   NG: () => (/* binding */ mayHaveStarted),
/* harmony export */   fS: () => (/* binding */ probablyStarted)
/* harmony export */ });
/** The upload may have imported servers without saying so: look before uploading again. */
function mayHaveStarted(upload) {
    if (upload.status === 'cancelled')
        return upload.mayHaveStarted;
    return upload.status === 'error' && ['may-have-started', 'no-job', 'repeated-job'].includes(upload.cause.kind);
}
/** The appliance took the upload (it answered success) but named no job of its own: the import has probably started. */
function probablyStarted(upload) {
    return upload.status === 'error' && (upload.cause.kind === 'no-job' || upload.cause.kind === 'repeated-job');
}
/**
 * An upload answered with a job this run already started (`earlier`: the
 * jobs so far, in order) is not the start of a new import: it is an error
 * that names the job that came back twice. Any other outcome is as it was.
 */
function refuseRepeatedJob(upload, earlier) {
    if (upload.status !== 'success' || !upload.job)
        return upload;
    const { job } = upload;
    if (!earlier.some(known => known.id === job.id && known.type === job.type))
        return upload;
    const { file, rows, validationOnly, attempts, elapsedMs, httpStatus, messages } = upload;
    const base = { file, rows, validationOnly, attempts, elapsedMs, ...(httpStatus ? { httpStatus } : {}), messages };
    const reason = `the appliance answered this upload with job ${job.id}, which an earlier upload of this run started, so this upload's own job is unknown; its import has probably started`;
    return { ...base, status: 'error', cause: { kind: 'repeated-job', reason, job } };
}


/***/ }),

/***/ 3502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FO: () => (/* binding */ folderPlaces),
  NL: () => (/* binding */ openReport),
  SU: () => (/* binding */ writeResultFiles)
});

// UNUSED EXPORTS: numbered, safeFileName

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
// EXTERNAL MODULE: ./src/lxca/job-ref.ts
var job_ref = __webpack_require__(2879);
;// CONCATENATED MODULE: ./src/report/files/report-file.ts



/** `keyed`: several jobs (or parts), so the file is one object keyed by job path. */
function reportWriter(open, keyed, scrub) {
    let sink;
    let written = 0;
    return {
        add(job, body) {
            if (!keyed && written > 0)
                return;
            sink ??= open();
            // The text the document was parsed from (bodyText decodes a body once), without its byte-order mark.
            const text = (0,json/* bodyText */.G)(body);
            if (!keyed) {
                const scrubbed = scrubJsonStrings(text, scrub);
                sink.write(scrubbed === text ? body : Buffer.from(scrubbed));
            }
            else {
                const key = JSON.stringify((0,job_ref/* jobPath */.Jf)(job).slice(1));
                sink.write(`${written === 0 ? '{\n' : ',\n'}  ${key}: `);
                // JSON's white space around the value goes (a document with any other is never parsed, so never here).
                const inner = text.trim();
                const scrubbed = scrubJsonStrings(inner, scrub);
                sink.write(scrubbed === inner ? trimmed(body) : Buffer.from(scrubbed));
            }
            written += 1;
        },
        close() {
            if (!sink)
                return false;
            if (keyed)
                sink.write('\n}\n');
            sink.end();
            return true;
        }
    };
}
/** The document without a byte-order mark and the white space around it: a value of the keyed object. */
function trimmed(body) {
    let start = (0,common_text/* bomLength */.L1)(body);
    let end = body.length;
    while (start < end && isSpace(body[start]))
        start += 1;
    while (end > start && isSpace(body[end - 1]))
        end -= 1;
    return body.subarray(start, end);
}
function isSpace(byte) {
    return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
/**
 * Secrets replaced inside JSON strings only, so the structure (and numbers)
 * never change. A string with escapes is decoded first, so that no encoder's
 * escaping (`\/`, `\u0040`) can hide a secret, and written back as JSON.
 * Linear.
 */
function scrubJsonStrings(text, scrub) {
    if (!text.includes('\\') && scrub(text) === text)
        return text;
    const parts = [];
    let last = 0;
    for (let start = text.indexOf('"'); start >= 0; start = text.indexOf('"', last)) {
        let end = start + 1;
        while (end < text.length && text[end] !== '"')
            end += text[end] === '\\' ? 2 : 1;
        parts.push(text.slice(last, start), scrubJsonString(text.slice(start, end + 1), scrub));
        last = end + 1;
    }
    parts.push(text.slice(last));
    return parts.join('');
}
/** One JSON string literal, quotes included, scrubbed as written and as it reads. */
function scrubJsonString(literal, scrub) {
    const written = scrub(literal);
    if (!literal.includes('\\'))
        return written;
    let value;
    try {
        value = JSON.parse(literal);
    }
    catch {
        return written;
    }
    if (typeof value !== 'string')
        return written;
    const scrubbed = scrub(value);
    return scrubbed === value ? written : JSON.stringify(scrubbed);
}

;// CONCATENATED MODULE: ./src/report/files/result-files.ts
// The files a run leaves, written by one module for the Action and the
// command line alike: the step summary (summary.md), the jobs' last documents
// (the report, streamed job by job as each wait ends), every device
// (devices-file), the CSV rows to upload again (failed-csv: they carry the
// device credentials of the file they came from, so 0600) and the JUnit
// report. The Action puts every file in a folder of its own under
// RUNNER_TEMP; the command line writes those its flags name, where they say.



/**
 * The Action's places: a folder of its own under `temp`, made on first use.
 * `csvName`: the first CSV's name, made safe for a file name (failed-NAME).
 */
function folderPlaces(temp, csvName) {
    let folder;
    const inFolder = (name) => (0,external_node_path_.join)((folder ??= (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(temp, 'lxca-job-gate-'))), name);
    const names = {
        summary: 'summary.md',
        report: 'report.json',
        failedCsv: `failed-${safeFileName(csvName ?? 'rows.csv')}`,
        devices: 'devices.json',
        junit: 'junit.xml'
    };
    return file => inFolder(names[file]);
}
/**
 * A name any file system takes and no reader misreads: a CSV named in a pull
 * request may hold line breaks or slashes, and its name becomes part of an
 * output (failed-csv lists paths one per line).
 */
function safeFileName(name) {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
    return safe.slice(0, 100) || 'rows.csv';
}
/** The report file, written as each job's wait ends; undefined when it is not wanted. */
function openReport(places, keyed, scrub) {
    const path = places('report');
    if (path === undefined)
        return undefined;
    return reportWriter(() => {
        const fd = (0,external_node_fs_.openSync)(path, 'w', 0o644);
        return {
            write: chunk => writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
            end: () => (0,external_node_fs_.closeSync)(fd)
        };
    }, keyed, scrub);
}
/** writeSync may write less than asked: the rest follows. */
function writeAll(fd, bytes) {
    for (let offset = 0; offset < bytes.length;)
        offset += (0,external_node_fs_.writeSync)(fd, bytes, offset);
}
/** The i-th (0-based) of several files named after one: `failed.csv`, `failed-2.csv`, … */
function numbered(path, i) {
    if (i === 0)
        return path;
    const dot = path.lastIndexOf('.');
    const slash = path.lastIndexOf('/');
    return dot > slash + 1 ? `${path.slice(0, dot)}-${i + 1}${path.slice(dot)}` : `${path}-${i + 1}`;
}
/** Every file wanted (but the report, written as the run went), with what it holds. */
function writeResultFiles(places, contents) {
    const paths = {};
    const empty = [];
    const failed = [];
    const items = [
        ['summary', [contents.summary]],
        ['devices', contents.devices === undefined ? [] : [contents.devices]],
        ['junit', [contents.junit]],
        ['failedCsv', contents.failedCsvs]
    ];
    for (const [file, content] of items) {
        const path = places(file);
        if (path === undefined)
            continue;
        if (content.length === 0) {
            empty.push(file);
            continue;
        }
        try {
            const written = content.map((item, i) => {
                const target = numbered(path, i);
                (0,external_node_fs_.writeFileSync)(target, item, { mode: file === 'failedCsv' ? 0o600 : 0o644 });
                return target;
            });
            paths[file] = written;
        }
        catch (error) {
            failed.push({ file, path, code: error.code ?? String(error) });
        }
    }
    return { paths, empty, failed };
}


/***/ }),

/***/ 36:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ye: () => (/* binding */ realPath),
/* harmony export */   b$: () => (/* binding */ anywhereFileReader),
/* harmony export */   gQ: () => (/* binding */ inputFileReader),
/* harmony export */   rV: () => (/* binding */ FileRefused),
/* harmony export */   u$: () => (/* binding */ insideRoots)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Files named by inputs, read as the untrusted pointers they are: in a pull
// request the file may come from the pull request itself. A file whose
// content we send (csv-file) must lead, after every link is resolved, to a
// regular file inside the folders the caller allows (the workspace and
// RUNNER_TEMP for the Action, the current folder for the command line). A
// file we only read to decide trust (ca-certificate) may be anywhere on the
// runner (corporate CAs live in /etc/ssl/certs). Neither is ever read from
// /proc, /sys or /dev; each is opened without blocking (a FIFO would hang the
// step forever) and read with a bound, never more than the limit and one byte.


/** Why a file was not read, to follow its path: "is a named pipe (FIFO), not a regular file". */
class FileRefused extends Error {
    reason;
    code;
    constructor(reason, 
    /** The system's error code, when it was one (ENOENT). */
    code) {
        super(reason);
        this.reason = reason;
        this.code = code;
        this.name = 'FileRefused';
    }
}
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];
const CHUNK_BYTES = 64 * 1024;
/** The reader of files whose content we send: confined to the policy's folders. */
function inputFileReader(policy) {
    return (path, maxBytes) => {
        const real = realPath((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(policy.base, path));
        refuseSystemFile(real);
        const anywhere = policy.absoluteAnywhere === true && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path);
        if (!anywhere && !insideRoots(real, policy)) {
            throw new FileRefused(`leads outside ${policy.rootsName ?? 'the workspace'} (to ${real})`);
        }
        return { bytes: readBounded(real, maxBytes), realPath: real };
    };
}
/** The reader of files read only to decide trust (a CA): a regular file anywhere on the runner but a system folder. */
function anywhereFileReader(base) {
    return (path, maxBytes) => {
        const real = realPath((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(base, path));
        refuseSystemFile(real);
        return { bytes: readBounded(real, maxBytes), realPath: real };
    };
}
/** Whether `real` (links resolved) is inside one of the policy's folders. */
function insideRoots(real, policy) {
    return policy.roots.some(root => inside(real, root));
}
function refuseSystemFile(real) {
    if (SYSTEM_FOLDERS.some(folder => real === folder || real.startsWith(`${folder}/`))) {
        throw new FileRefused(`leads to ${real}, a system file, not a regular file`);
    }
}
function realPath(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch (error) {
        const code = error.code ?? 'unreadable';
        throw new FileRefused(`cannot be read (${code})`, code);
    }
}
function inside(file, root) {
    let realRoot;
    try {
        realRoot = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root);
    }
    catch {
        return false;
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, file);
    return path !== '' && !path.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path);
}
/** Opens without following a link or blocking on a FIFO; only a regular file is read, and never past the bound. */
function readBounded(path, maxBytes) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0));
    }
    catch (error) {
        const code = error.code ?? 'unreadable';
        throw new FileRefused(`cannot be read (${code})`, code);
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        const kind = kindOf(stats);
        if (kind)
            throw new FileRefused(`is ${kind}, not a regular file`);
        // One buffer of the size the file says it has (and a byte more, to notice one that is longer):
        // no chunks to join, so the file is in memory once.
        let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
        let total = 0;
        for (;;) {
            if (total === buffer.length) {
                if (total > maxBytes)
                    throw new FileRefused(`is larger than ${maxBytes.toLocaleString('en-US')} bytes`);
                // The file grew since fstat: make room, up to the bound.
                const grown = Buffer.allocUnsafe(Math.min(total * 2 + CHUNK_BYTES, maxBytes + 1));
                buffer.copy(grown);
                buffer = grown;
            }
            const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, total, buffer.length - total, null);
            if (read === 0)
                break;
            total += read;
        }
        if (total > maxBytes)
            throw new FileRefused(`is larger than ${maxBytes.toLocaleString('en-US')} bytes`);
        return buffer.subarray(0, total);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function kindOf(stats) {
    if (stats.isFile())
        return undefined;
    if (stats.isDirectory())
        return 'a folder';
    if (stats.isFIFO())
        return 'a named pipe (FIFO)';
    if (stats.isSocket())
        return 'a socket';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    return 'not a file';
}


/***/ }),

/***/ 2378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k7: () => (/* binding */ Output),
/* harmony export */   pD: () => (/* binding */ envName),
/* harmony export */   pd: () => (/* binding */ Input)
/* harmony export */ });
// Input and output names are the action's public contract (action.yml and the
// README list the same names; a test keeps the three in step). Code refers to
// them through these constants so a name is never a bare string elsewhere.
const Input = {
    Host: 'host',
    Username: 'username',
    Password: 'password',
    JobId: 'job-id',
    CsvFile: 'csv-file',
    ValidationOnly: 'validation-only',
    JobType: 'job-type',
    Timeout: 'timeout',
    PollInterval: 'poll-interval',
    RequestTimeout: 'request-timeout',
    CaCertificate: 'ca-certificate',
    SuccessResults: 'success-results',
    MaxRetries: 'max-retries',
    AuthMethod: 'auth-method',
    TlsServerName: 'tls-server-name',
    TlsFingerprint: 'tls-fingerprint',
    InsecureSkipTlsVerify: 'insecure-skip-tls-verify',
    AllowedFailures: 'allowed-failures',
    SkipManaged: 'skip-managed',
    VerifyInventory: 'verify-inventory',
    InventoryWait: 'inventory-wait'
};
const Output = {
    Status: 'status',
    JobId: 'job-id',
    Result: 'result',
    Progress: 'progress',
    Devices: 'devices',
    Succeeded: 'succeeded',
    Failed: 'failed',
    FailedDevices: 'failed-devices',
    Report: 'report',
    SummaryFile: 'summary-file',
    FailedCsv: 'failed-csv',
    SucceededDevices: 'succeeded-devices',
    DevicesFile: 'devices-file',
    JunitFile: 'junit-file',
    AlreadyManaged: 'already-managed'
};
/** The command line's environment variable for an input: `job-id` → `LXCA_JOB_ID`. */
function envName(input) {
    return `LXCA_${input.toUpperCase().replace(/-/g, '_')}`;
}


/***/ }),

/***/ 9783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ checkBypass),
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

/***/ })

};
