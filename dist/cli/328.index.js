export const id = 328;
export const ids = [328];
export const modules = {

/***/ 328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_VISITS: () => (/* binding */ MAX_VISITS),
/* harmony export */   inputFileFinder: () => (/* binding */ inputFileFinder)
/* harmony export */ });
/* harmony import */ var fdir__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(18);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _input_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(36);
// csv-file entries that are glob patterns, expanded. Loaded only when an
// input holds a pattern character (the roots import it on demand): the
// matcher is not on the way to the first request of a run that names its
// files. Three rules keep a pattern from reading what it should not:
//   - an entry that names an existing file is that file, even with `[`, `]`,
//     `?`, `*` or `{` in its name (`inv/rack[1].csv`); a backslash escapes a
//     pattern character for a file that does not exist yet;
//   - the walk starts at the pattern's own folder, as picomatch reads it
//     (escapes undone), which must be inside the allowed folders once links
//     are resolved; it only ever goes down from there, never follows a link
//     into a folder, and skips dot folders, so no spelling (`\.\./*`,
//     `{..,x}/*`) can lead it out;
//   - the walk visits at most a bounded number of entries, counted (a
//     synchronous walk cannot be stopped by a timer), and ends with a clear
//     error past the bound.





/** Entries (files and folders) one pattern may visit: a workspace with a few thousand files is far below it. */
const MAX_VISITS = 20_000;
function inputFileFinder(policy, maxVisits = MAX_VISITS) {
    return (entry, max) => {
        // A name that exists is that file: patterns apply only to entries that name no file.
        if (exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(policy.base, entry)))
            return [entry];
        const { base, glob, isGlob } = picomatch__WEBPACK_IMPORTED_MODULE_4___default().scan(entry, { unescape: true });
        const start = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(policy.base, base);
        const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(base);
        if (!isGlob)
            return [base];
        if (absolute && !policy.absoluteAnywhere)
            throw new _input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`leads outside ${rootsNameOf(policy)}`);
        if (!exists(start))
            return [];
        const real = (0,_input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .realPath */ .Ye)(start);
        if (!(absolute && policy.absoluteAnywhere) && !sameOrInside(real, policy)) {
            throw new _input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`leads outside ${rootsNameOf(policy)}`);
        }
        const found = walk(start, glob, maxVisits);
        const relativeTo = (file) => (absolute ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(policy.base, file));
        return found
            .map(file => relativeTo((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(start, file)))
            .sort()
            .slice(0, max);
    };
}
function rootsNameOf(policy) {
    return policy.rootsName ?? 'the workspace';
}
function exists(path) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)(path, { throwIfNoEntry: false }) !== undefined;
}
function sameOrInside(real, policy) {
    return (0,_input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .insideRoots */ .u$)(real, policy) || policy.roots.some(root => exists(root) && (0,_input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .realPath */ .Ye)(root) === real);
}
/** Files below `start` whose path (relative, `/`-separated) the glob matches; no dot files, no links followed. */
function walk(start, glob, maxVisits) {
    const matches = picomatch__WEBPACK_IMPORTED_MODULE_4___default()(glob, { dot: false });
    const stop = new AbortController();
    let visits = 0;
    const visit = () => {
        visits += 1;
        if (visits > maxVisits)
            stop.abort();
        return !stop.signal.aborted;
    };
    const files = new fdir__WEBPACK_IMPORTED_MODULE_0__/* .fdir */ .k()
        .withRelativePaths()
        .withAbortSignal(stop.signal)
        .exclude(name => !visit() || name.startsWith('.'))
        .filter((path, isDirectory) => visit() && !isDirectory && matches(path.split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/')))
        .crawl(start)
        .sync();
    if (stop.signal.aborted) {
        throw new _input_file_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`visits more than ${maxVisits.toLocaleString('en-US')} files and folders before it is done; name the folder the files are in (inventory/*.csv)`);
    }
    return files;
}


/***/ })

};
