export const id = 328;
export const ids = [328];
export const modules = {

/***/ 328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   inputFileFinder: () => (/* binding */ inputFileFinder)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(382);
/* harmony import */ var _input_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(36);
// Glob patterns in csv-file, expanded. Loaded only when an input holds one
// (the roots import it on demand): the matcher is not on the way to the
// first request of a run that names its files.



/**
 * Glob patterns (`inventory/*.csv`, `racks/**\/rack-?.csv`) expanded with
 * tinyglobby: regular files only, no dot files, links not followed into
 * folders. Each match is then read through the reader, with its rules; a
 * pattern that would walk outside the workspace (`/**`, `../..`) is refused
 * before any folder is read, as the reader would refuse all it finds there.
 */
function inputFileFinder(policy) {
    return (pattern, max) => {
        const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(pattern);
        if ((absolute && !policy.absoluteAnywhere) || pattern.split(/[\\/]/).includes('..')) {
            throw new _input_file_js__WEBPACK_IMPORTED_MODULE_1__/* .FileRefused */ .r('leads outside the workspace');
        }
        const found = (0,tinyglobby__WEBPACK_IMPORTED_MODULE_2__/* .globSync */ .AZ)(pattern, {
            cwd: policy.base,
            absolute,
            onlyFiles: true,
            dot: false,
            followSymbolicLinks: false,
            expandDirectories: false
        });
        return found.sort().slice(0, max);
    };
}


/***/ })

};
