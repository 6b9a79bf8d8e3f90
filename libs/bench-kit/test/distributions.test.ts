import normalCdfRef from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileRef from '@stdlib/stats-base-dists-normal-quantile';
import tCdfRef from '@stdlib/stats-base-dists-t-cdf';
import tQuantileRef from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import {
  erfc,
  expandedTail,
  logGamma,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTDensity,
  studentTQuantile,
  studentTTwoSided,
  studentTUpperTail,
} from '../src/stats/index.ts';

/**
 * The distribution functions against reference values over their whole working range: @stdlib
 * (ports of Boost/Cephes, accurate to a few ulps; a devDependency, used only here) and published
 * table values. Tolerance 1e-6 absolute everywhere and 1e-6 relative in the tails, where absolute
 * error says nothing (a p-value of 1e-9 off by 1e-7 would pass an absolute check).
 */
const TOL = 1e-6;
const close = (actual: number, expected: number, what: string) => {
  const abs = Math.abs(actual - expected);
  const rel = abs / Math.max(Math.abs(expected), 1e-300);
  if (abs > TOL || (Math.abs(expected) < 0.5 && Math.abs(expected) > 1e-290 && rel > TOL)) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (abs ${abs.toExponential(2)}, rel ${rel.toExponential(2)})`);
  }
};

const PROBABILITIES = [
  1e-12, 1e-10, 1e-8, 1e-6, 1e-5, 1e-4, 5e-4, 0.001, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4,
  0.45, 0.49, 0.499, 0.5, 0.501, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9999, 1 - 1e-6, 1 - 1e-8,
];
// Integer and fractional (Welch) degrees of freedom, from heavy-tailed to practically normal.
const DFS = [0.5, 1, 1.3, 2, 2.5, 3, 4, 5, 6, 7.25, 8, 10, 12.7, 15, 20, 29, 30, 50, 100, 250, 1000, 1e4, 1e5, 1e6];

describe('normal distribution', () => {
  it('CDF and upper tail match @stdlib from -37 to 37', () => {
    for (let z = -37; z <= 37; z += 0.0137) {
      close(normalCdf(z), normalCdfRef(z, 0, 1), `normalCdf(${z})`);
      close(normalUpperTail(z), normalCdfRef(-z, 0, 1), `normalUpperTail(${z})`);
    }
  });

  it('quantile matches @stdlib on (1e-6, 1 - 1e-6) and published values in the far tails', () => {
    for (const p of PROBABILITIES.filter((p) => p >= 1e-6 && p <= 1 - 1e-6)) close(normalQuantile(p), normalQuantileRef(p, 0, 1), `normalQuantile(${p})`);
    // @stdlib computes the far lower tail through erfinv(2p - 1), which rounds 2p - 1 to -1, so
    // there the reference is the table value (Wichura AS241 / R qnorm) and the round trip.
    close(normalQuantile(1e-10), -6.361340902404056, 'normalQuantile(1e-10)');
    close(normalQuantile(1e-20), -9.262340089798408, 'normalQuantile(1e-20)');
    close(normalQuantile(0.975), 1.959963984540054, 'normalQuantile(0.975)');
    for (const p of [1e-300, 1e-100, 1e-20, 1e-12, 1e-9, 0.3]) close(normalCdf(normalQuantile(p)), p, `round trip ${p}`);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('erfc has its textbook values', () => {
    close(erfc(0), 1, 'erfc(0)');
    close(erfc(1), 0.15729920705028513, 'erfc(1)');
    close(erfc(-1), 1.8427007929497148, 'erfc(-1)');
    close(erfc(5), 1.5374597944280349e-12, 'erfc(5)');
  });
});

describe("Student's t distribution", () => {
  it('CDF, upper tail and two-sided p match @stdlib for df 0.5 … 1e6 and t from -60 to 60', () => {
    for (const df of DFS) {
      for (let t = -60; t <= 60; t += 0.173) {
        const ref = tCdfRef(t, df);
        close(studentTCdf(t, df), ref, `studentTCdf(${t}, ${df})`);
        close(studentTUpperTail(t, df), tCdfRef(-t, df), `studentTUpperTail(${t}, ${df})`);
        close(studentTTwoSided(t, df), Math.min(1, 2 * tCdfRef(-Math.abs(t), df)), `studentTTwoSided(${t}, ${df})`);
      }
    }
  });

  it('quantile matches @stdlib to 1e-6 (relative) for p 1e-12 … 1 - 1e-8 and df 0.5 … 1e6', () => {
    for (const df of DFS) {
      for (const p of PROBABILITIES) {
        const ref = tQuantileRef(p, df);
        const got = studentTQuantile(p, df);
        const rel = Math.abs(got - ref) / Math.max(Math.abs(ref), 1e-12);
        if (rel > TOL && Math.abs(got - ref) > 1e-12) throw new Error(`studentTQuantile(${p}, ${df}) = ${got}, @stdlib ${ref}`);
      }
    }
  });

  it('quantile agrees with printed t tables (6 decimals) and inverts its own CDF', () => {
    // Two-sided 95% and 99% critical values (e.g. NIST/SEMATECH e-Handbook table 1.3.6.7.2, more digits from R qt).
    const table: [number, number, number][] = [
      [0.975, 1, 12.706204736174705],
      [0.975, 2, 4.302652729749464],
      [0.975, 3, 3.182446305284263],
      [0.975, 6, 2.446911848791681],
      [0.975, 10, 2.228138851986274],
      [0.975, 30, 2.042272456301238],
      [0.995, 4, 4.604094871349993],
      [0.995, 120, 2.617421145888442],
    ];
    for (const [p, df, t] of table) close(studentTQuantile(p, df), t, `t(${p}, ${df})`);
    for (const df of [1, 3.5, 17]) for (const p of [1e-9, 0.01, 0.3, 0.9]) close(studentTCdf(studentTQuantile(p, df), df), p, `round trip ${p}, ${df}`);
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(0.2, 5)).toBeCloseTo(-studentTQuantile(0.8, 5), 12);
  });

  it('density integrates to the CDF (trapezoid over [-1, 2], df 3)', () => {
    let area = 0;
    const steps = 30_000;
    const h = 3 / steps;
    for (let i = 0; i < steps; i++) area += ((studentTDensity(-1 + i * h, 3) + studentTDensity(-1 + (i + 1) * h, 3)) / 2) * h;
    close(area, studentTCdf(2, 3) - studentTCdf(-1, 3), 'integral');
  });
});

describe('special functions', () => {
  it('log Γ, incomplete beta and incomplete gamma at known values', () => {
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 'logGamma(0.5)');
    close(logGamma(10), Math.log(362880), 'logGamma(10)');
    // Γ(x + 1) = x Γ(x), a hundred times over from Γ(1/2) = √π.
    let lg = Math.log(Math.sqrt(Math.PI));
    for (let k = 0; k < 100; k++) lg += Math.log(k + 0.5);
    close(logGamma(100.5), lg, 'logGamma(100.5)');
    close(regularizedIncompleteBeta(0.5, 2, 3), 0.6875, 'I_0.5(2,3)'); // 1 - (1/2)^4 (1 + 4/2 ...) = 11/16
    close(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 'I_0.3(1,1)');
    close(regularizedGammaQ(1, 2), Math.exp(-2), 'Q(1, 2)');
    close(regularizedGammaQ(3, 0.5), Math.exp(-0.5) * (1 + 0.5 + 0.125), 'Q(3, 0.5)');
  });
});

describe('expanded percentile bootstrap tail (Hesterberg)', () => {
  it('is the normal tail of sqrt(n/(n-1)) t_{n-1}', () => {
    for (const n of [2, 3, 5, 10, 40]) {
      const t = tQuantileRef(0.975, n - 1);
      close(expandedTail(0.95, n), normalCdfRef(-Math.sqrt(n / (n - 1)) * t, 0, 1), `expandedTail(0.95, ${n})`);
    }
    expect(expandedTail(0.95, 5)).toBeLessThan(0.01);
    expect(expandedTail(0.95, 1000)).toBeCloseTo(0.025, 3);
    expect(expandedTail(0.95, 1)).toBeCloseTo(0.025, 12);
  });
});
