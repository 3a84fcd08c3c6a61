'use strict';
/**
 * Preload (`node -r ./without-lb3.js`): the LB3 packages cannot be resolved in
 * this process — `loopback`, `strong-remoting`, `loopback-boot` (and their
 * subpaths) fail with MODULE_NOT_FOUND, as in an app that uninstalled them.
 */
const Module = require('module');

const BLOCKED = ['loopback', 'strong-remoting', 'loopback-boot'];
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (BLOCKED.some((name) => request === name || request.startsWith(name + '/'))) {
    const err = new Error(`Cannot find module '${request}' (blocked: the LB3 packages are not installed)`);
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  return original.call(this, request, ...rest);
};
