const fs = require('fs');
const dir = '/tmp/sec-prof';
const file = fs.readdirSync(dir)[0];
const prof = JSON.parse(fs.readFileSync(dir + '/' + file));
const self = new Map(); const byId = new Map();
for (const n of prof.nodes) byId.set(n.id, n);
const dt = {}; 
for (let i = 0; i < prof.samples.length; i++) { const id = prof.samples[i]; dt[id] = (dt[id] || 0) + (prof.timeDeltas[i] || 0); }
const total = Object.values(dt).reduce((a, b) => a + b, 0);
// self time by function+url
for (const [id, t] of Object.entries(dt)) { const n = byId.get(+id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/work\/main\//, '') + ':' + n.callFrame.lineNumber; self.set(k, (self.get(k) || 0) + t); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 35).map(([k, t]) => (100 * t / total).toFixed(1) + '% ' + k).join('\n'));
// inclusive time for selected
const parent = new Map(); for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of Object.entries(dt)) { let cur = +id; const seen = new Set(); while (cur !== undefined) { const n = byId.get(cur); const k = n.callFrame.functionName + ' ' + n.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/work\/main\//, ''); if (!seen.has(k)) { incl.set(k, (incl.get(k) || 0) + t); seen.add(k); } cur = parent.get(cur); } }
console.log('--- inclusive');
console.log([...incl.entries()].filter(([k]) => /dist\/compat|dist\/lib|acl|checkAccess|findForRequest|execHooks|strong-error|Role|isInRole/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, t]) => (100 * t / total).toFixed(1) + '% ' + k).join('\n'));
