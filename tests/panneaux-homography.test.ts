/**
 * The projective geometry behind the Panneaux photos: the four-point
 * homography solve, its inverse, and the pinhole model of a turned sign
 * plane, checked against each other (a plane seen by a pinhole camera is a
 * homography, so four corners must predict every other point of the plane).
 */
import { describe, it, expect } from 'vitest';
import { applyHomography, homographyFromPoints, invertHomography, projectSignPoint, type CameraPose } from '../src/data/panneaux/homography.ts';

const pose: CameraPose = { cx: 400, cy: 180, size: 150, rollDeg: 12, yawDeg: -40, pitchDeg: 17, focal: 700 };

describe('Panneaux homographies', () => {
  it('maps the four given points exactly, and its inverse maps them back', () => {
    const src: [number, number][] = [[0, 0], [96, 0], [96, 96], [0, 96]];
    const dst: [number, number][] = [[10, 20], [150, 35], [140, 160], [5, 120]];
    const h = homographyFromPoints(src, dst);
    const inv = invertHomography(h);
    src.forEach(([x, y], i) => {
      const [u, v] = applyHomography(h, x, y);
      expect(u).toBeCloseTo(dst[i][0], 9);
      expect(v).toBeCloseTo(dst[i][1], 9);
      const [bx, by] = applyHomography(inv, u, v);
      expect(bx).toBeCloseTo(x, 9);
      expect(by).toBeCloseTo(y, 9);
    });
  });

  it('four projected corners predict every point of the turned plane, the pole below the face included', () => {
    const s = 192;
    const corners = ([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]] as const).map(([u, v]) => projectSignPoint(pose, u, v));
    const h = homographyFromPoints([[0, 0], [s, 0], [s, s], [0, s]], corners);
    for (const [u, v] of [[0, 0], [0.3, -0.2], [-0.45, 0.1], [0, 1.5], [0.04, 2.3]]) {
      const [x, y] = applyHomography(h, (u + 0.5) * s, (v + 0.5) * s);
      const [ex, ey] = projectSignPoint(pose, u, v);
      expect(x).toBeCloseTo(ex, 6);
      expect(y).toBeCloseTo(ey, 6);
    }
  });

  it('face-on and upright, the sign is a square of the given size about the given centre; turned, it is not', () => {
    const flat = { ...pose, rollDeg: 0, yawDeg: 0, pitchDeg: 0 };
    expect(projectSignPoint(flat, -0.5, -0.5).map((c) => +c.toFixed(9))).toEqual([325, 105]);
    expect(projectSignPoint(flat, 0.5, 0.5).map((c) => +c.toFixed(9))).toEqual([475, 255]);
    // Roll alone: a rotated square of the same side, the top edge at the roll angle.
    const rolled = { ...flat, rollDeg: 20 };
    const [a, b] = [projectSignPoint(rolled, -0.5, -0.5), projectSignPoint(rolled, 0.5, -0.5)];
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(150, 9);
    expect((Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI).toBeCloseTo(20, 9);
    // Yaw 40°: the right edge comes nearer the camera (z = −sin(yaw)·u), so it is longer than the left.
    const yawed = { ...flat, yawDeg: 40 };
    const left = projectSignPoint(yawed, -0.5, 0.5)[1] - projectSignPoint(yawed, -0.5, -0.5)[1];
    const right = projectSignPoint(yawed, 0.5, 0.5)[1] - projectSignPoint(yawed, 0.5, -0.5)[1];
    expect(right).toBeGreaterThan(left * 1.1);
  });

  it('rejects degenerate input', () => {
    expect(() => homographyFromPoints([[0, 0], [1, 1], [2, 2], [3, 3]], [[0, 0], [1, 0], [1, 1], [0, 1]])).toThrow(/collinear/);
    expect(() => homographyFromPoints([[0, 0]], [[0, 0]])).toThrow(/four point pairs/);
    expect(() => invertHomography([1, 2, 3, 2, 4, 6, 0, 0, 0])).toThrow(/singular/);
  });
});
