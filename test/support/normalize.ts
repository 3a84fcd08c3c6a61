/**
 * Normalisation of per-run values for the parity tests. The implementation is
 * the compare library's (compat/compare/normalize.ts); this module keeps the
 * parity tests' import path and their rule set (timestamps near now, tokens).
 */
export {
  ETAG_PLACEHOLDER,
  NOW_PLACEHOLDER,
  NOW_WINDOW_MS,
  TOKEN_PLACEHOLDER,
  isRecentIso,
  normalizeEtag,
  normalizeJson,
  normalizeText,
  weakEtagOf,
} from '../../compare/normalize';
