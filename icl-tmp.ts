import { loadWdbc } from '/work/main/datasets/wdbc.ts';
import { standardize, rocAuc, buildMlp, trainMlp } from '/work/main/solutions/06-tabular-dl/src/tabular.ts';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, seedEverything, createRandom } from '/work/main/runtime/index.ts';
const d = await loadWdbc();
await selectBackend('wasm');
function icl(cx: Float32Array, cy: number[], qx: Float32Array, columns: number, T: number) {
  const n = cy.length, q = qx.length / columns, out = new Float32Array(q);
  for (let i = 0; i < q; i++) { const s = new Float64Array(n); let best=-Infinity;
    for (let j = 0; j < n; j++) { let dd = 0; for (let c = 0; c < columns; c++) dd += (qx[i*columns+c]! - cx[j*columns+c]!) ** 2; s[j] = -dd / T; best = Math.max(best, s[j]!); }
    let t = 0, p = 0; for (let j = 0; j < n; j++) { const w = Math.exp(s[j]! - best); t += w; p += w * cy[j]!; } out[i] = p / t; }
  return out;
}
const mode = process.argv[2];
for (const seed of [1606, 7, 8]) {
  const r = createRandom(seed);
  const fold = new Int32Array(d.count);
  for (const label of [0, 1]) { const rows = [...Array(d.count).keys()].filter((i) => d.labels[i] === label); for (let i = rows.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [rows[i], rows[j]] = [rows[j]!, rows[i]!]; } rows.forEach((row, k) => (fold[row] = k % 5)); }
  const res: Record<string, number[]> = {};
  const pooled: Record<string, Float32Array> = {};
  for (let f = 0; f < 5; f++) {
    const train = [...Array(d.count).keys()].filter((i) => fold[i] !== f), test = [...Array(d.count).keys()].filter((i) => fold[i] === f);
    const { scaled } = standardize({ features: d.features, rows: d.count, columns: 30 }, train);
    const pick = (rows: number[]) => { const o = new Float32Array(rows.length * 30); rows.forEach((row, i) => o.set(scaled.subarray(row * 30, row * 30 + 30), i * 30)); return o; };
    const cx = pick(train), qx = pick(test), cy = train.map((i) => d.labels[i]!), qy = test.map((i) => d.labels[i]!);
    const add = (k: string, p: ArrayLike<number>) => { (res[k] ??= []).push(rocAuc(p, qy)); pooled[k] ??= new Float32Array(d.count); test.forEach((row, i) => (pooled[k]![row] = p[i]!)); };
    if (mode === 'icl') for (const T of [1, 2, 4, 8, 16]) add(`T${T}`, icl(cx, cy, qx, 30, T));
    else { seedEverything(seed + f); const m = buildMlp(30); await trainMlp(m, tf.tensor2d(cx, [cy.length, 30]), tf.tensor2d(cy, [cy.length, 1])); add('mlp', (m.predict(tf.tensor2d(qx, [qy.length, 30])) as tf.Tensor).dataSync()); }
  }
  console.log(seed, Object.entries(res).map(([k, v]) => `${k}: folds ${v.map((x) => x.toFixed(3)).join(' ')} mean ${(v.reduce((a, b) => a + b) / 5).toFixed(4)} pooled ${rocAuc(pooled[k]!, d.labels).toFixed(4)}`).join('\n     '));
}
