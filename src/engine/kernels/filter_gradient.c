/*
 * The filter gradient of a 2-D convolution, dW = Σ x·dy over every output
 * pixel, computed directly from the input and dy (NHWC, float32) in the wasm
 * backend's own memory (this module imports it).
 *
 * Why a kernel of our own: on tfjs's wasm backend, every XNNPACK formulation
 * of dW treats dy (new at each step) as the operator's weights, so each call
 * repacks all of dy first. Measured with the course CNN (batch 128, 2
 * threads, scripts/profile.ts): the first layer's dW took ~12 ms as patches +
 * transpose + matrix product, this loop ~1.5 ms; the 2nd and 3rd layers' ~10
 * and ~10 ms as transposed-input convolutions, this loop ~5 ms each. AlexNet's
 * conv1, conv2 and conv3 shapes (the three measured) are faster this way too.
 *
 * Leaf code only: no static data and no stack (checked by
 * scripts/build-wasm-kernels.sh), so it writes nowhere but dw.
 * Build: bash scripts/build-wasm-kernels.sh (clang-14, lld-14).
 */
#include <wasm_simd128.h>

typedef unsigned int u32;

/* acc[0..16) += Σ xp[o·xstep] · dp[o·f + 0..16) over `count` pixels of one row. */
static void accumulate16(float* acc, const float* xp, u32 xstep, const float* dp, u32 f, u32 count) {
  v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0, a2 = a0, a3 = a0;
  for (u32 o = 0; o < count; o++, xp += xstep, dp += f) {
    v128_t xv = wasm_f32x4_splat(*xp);
    a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(xv, wasm_v128_load(dp)));
    a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(xv, wasm_v128_load(dp + 4)));
    a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(xv, wasm_v128_load(dp + 8)));
    a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(xv, wasm_v128_load(dp + 12)));
  }
  float* d = acc;
  wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), a0));
  wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), a1));
  wasm_v128_store(d + 8, wasm_f32x4_add(wasm_v128_load(d + 8), a2));
  wasm_v128_store(d + 12, wasm_f32x4_add(wasm_v128_load(d + 12), a3));
}

/* The same for two neighbouring input channels at once (xp and xp + 1, into acc and acc + f): each dy load serves both. */
static void accumulate16x2(float* acc, const float* xp, u32 xstep, const float* dp, u32 f, u32 count) {
  v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  for (u32 o = 0; o < count; o++, xp += xstep, dp += f) {
    const v128_t xa = wasm_f32x4_splat(xp[0]), xb = wasm_f32x4_splat(xp[1]);
    const v128_t d0 = wasm_v128_load(dp), d1 = wasm_v128_load(dp + 4), d2 = wasm_v128_load(dp + 8), d3 = wasm_v128_load(dp + 12);
    a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(xa, d0));
    a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(xa, d1));
    a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(xa, d2));
    a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(xa, d3));
    b0 = wasm_f32x4_add(b0, wasm_f32x4_mul(xb, d0));
    b1 = wasm_f32x4_add(b1, wasm_f32x4_mul(xb, d1));
    b2 = wasm_f32x4_add(b2, wasm_f32x4_mul(xb, d2));
    b3 = wasm_f32x4_add(b3, wasm_f32x4_mul(xb, d3));
  }
  float* d = acc;
  wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), a0));
  wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), a1));
  wasm_v128_store(d + 8, wasm_f32x4_add(wasm_v128_load(d + 8), a2));
  wasm_v128_store(d + 12, wasm_f32x4_add(wasm_v128_load(d + 12), a3));
  d = acc + f;
  wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), b0));
  wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), b1));
  wasm_v128_store(d + 8, wasm_f32x4_add(wasm_v128_load(d + 8), b2));
  wasm_v128_store(d + 12, wasm_f32x4_add(wasm_v128_load(d + 12), b3));
}

/* The same for one filter (those left after the blocks of 16). */
static void accumulate1(float* acc, const float* xp, u32 xstep, const float* dp, u32 f, u32 count) {
  float s = 0.f;
  for (u32 o = 0; o < count; o++) s += xp[o * xstep] * dp[o * f];
  *acc += s;
}

/* First output column ≥ 0 whose input column ow·s + off ≥ 0, and one past the last with it < size. */
static u32 first_inside(int off, int s) { return off >= 0 ? 0 : (u32)((-off + s - 1) / s); }
static u32 end_inside(int off, int s, int size, u32 count) {
  int last = size - 1 - off; /* ow·s ≤ last */
  if (last < 0) return 0;
  u32 e = (u32)(last / s) + 1;
  return e < count ? e : count;
}

/*
 * dw[i][j][ci][fo] = Σ_{b,oh,ow} x[b][oh·sh + i·dh − pt][ow·sw + j·dwd − pl][ci] · dy[b][oh][ow][fo],
 * x [n,h,w,c], dy [n,ho,wo,f], dw [kh,kw,c,f]; taps outside x count as zero padding.
 */
__attribute__((export_name("filter_gradient")))
void filter_gradient(const float* x, const float* dy, float* dw,
                     u32 n, u32 h, u32 w, u32 c, u32 ho, u32 wo, u32 f,
                     u32 kh, u32 kw, u32 sh, u32 sw, u32 dh, u32 dwd, int pt, int pl) {
  const u32 size = kh * kw * c * f;
  for (u32 k = 0; k < size; k++) dw[k] = 0.f;
  const u32 f16 = f - f % 16;
  const u32 xstep = sw * c; /* input floats between two output columns */
  for (u32 b = 0; b < n; b++) {
    for (u32 oh = 0; oh < ho; oh++) {
      const float* dyrow = dy + ((b * ho + oh) * wo) * f;
      for (u32 i = 0; i < kh; i++) {
        const int ih = (int)(oh * sh + i * dh) - pt;
        if (ih < 0 || ih >= (int)h) continue;
        const float* xline = x + ((b * h + (u32)ih) * w) * c;
        for (u32 j = 0; j < kw; j++) {
          const int off = (int)(j * dwd) - pl;
          const u32 lo = first_inside(off, (int)sw), hi = end_inside(off, (int)sw, (int)w, wo);
          if (lo >= hi) continue;
          const u32 count = hi - lo;
          const float* dp = dyrow + lo * f;
          const float* x0 = xline + (u32)((int)(lo * sw) + off) * c; /* x at output column lo */
          float* acc0 = dw + (i * kw + j) * c * f;
          u32 ci = 0;
          for (; ci + 1 < c; ci += 2) {
            for (u32 fb = 0; fb < f16; fb += 16) accumulate16x2(acc0 + ci * f + fb, x0 + ci, xstep, dp + fb, f, count);
            for (u32 fb = f16; fb < f; fb++) {
              accumulate1(acc0 + ci * f + fb, x0 + ci, xstep, dp + fb, f, count);
              accumulate1(acc0 + (ci + 1) * f + fb, x0 + ci + 1, xstep, dp + fb, f, count);
            }
          }
          for (; ci < c; ci++) {
            for (u32 fb = 0; fb < f16; fb += 16) accumulate16(acc0 + ci * f + fb, x0 + ci, xstep, dp + fb, f, count);
            for (u32 fb = f16; fb < f; fb++) accumulate1(acc0 + ci * f + fb, x0 + ci, xstep, dp + fb, f, count);
          }
        }
      }
    }
  }
}
