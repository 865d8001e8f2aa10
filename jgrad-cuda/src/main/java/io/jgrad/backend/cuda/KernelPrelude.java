package io.jgrad.backend.cuda;

/**
 * The CUDA C every generated kernel starts with: the shape/stride structs passed by value, NaN
 * tests for every element type, the pow/remainder helpers with PyTorch's semantics, and the atomics
 * scatter kernels need. NVRTC sees no system headers, so nothing here includes any.
 *
 * <p>{@code KernelPrelude.SOURCE + kernelText} is one compilation unit.
 */
final class KernelPrelude {
  private KernelPrelude() {}

  /** The largest rank a strided kernel indexes after dimension coalescing. */
  static final int MAX_DIMS = 8;

  /** The prelude text. */
  static final String SOURCE =
      """
      #define JG_MAX_DIMS %d
      struct JgShape { int rank; int sizes[JG_MAX_DIMS]; };
      struct JgStrides { int s[JG_MAX_DIMS]; };
      #define JG_LOOP(i, n) for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; \\
          i < (n); i += (long long)blockDim.x * gridDim.x)
      __device__ __forceinline__ bool jg_isnan(float v) { return v != v; }
      __device__ __forceinline__ bool jg_isnan(double v) { return v != v; }
      __device__ __forceinline__ bool jg_isnan(long long) { return false; }
      __device__ __forceinline__ bool jg_isnan(int) { return false; }
      __device__ __forceinline__ bool jg_isnan(unsigned char) { return false; }
      // PyTorch's pow_tensor_scalar_kernel (aten/src/ATen/native/cuda/PowKernel.cu) turns these
      // exponents into multiplications or roots; a tensor exponent of the same value agrees.
      __device__ __forceinline__ float jg_pow(float a, float b) {
        if (b == 2.0f) return a * a;
        if (b == 3.0f) return a * a * a;
        if (b == 0.5f) return sqrtf(a);
        if (b == -0.5f) return rsqrtf(a);
        if (b == -1.0f) return 1.0f / a;
        if (b == -2.0f) return 1.0f / (a * a);
        return powf(a, b);
      }
      __device__ __forceinline__ double jg_pow(double a, double b) {
        if (b == 2.0) return a * a;
        if (b == 3.0) return a * a * a;
        if (b == 0.5) return sqrt(a);
        if (b == -0.5) return rsqrt(a);
        if (b == -1.0) return 1.0 / a;
        if (b == -2.0) return 1.0 / (a * a);
        return pow(a, b);
      }
      // Integers to negative powers: 0 except for bases 1 and -1, as PyTorch's CUDA kernel does.
      __device__ __forceinline__ long long jg_ipow(long long a, long long b) {
        if (b < 0) return a == 1 ? 1 : (a == -1 ? ((b & 1) ? -1 : 1) : 0);
        long long r = 1;
        while (b > 0) { if (b & 1) r *= a; a *= a; b >>= 1; }
        return r;
      }
      // Python's remainder (sign of the divisor), PyTorch's BinaryRemainderKernel.cu formula.
      __device__ __forceinline__ float jg_remainder(float a, float b) {
        float m = fmodf(a, b);
        if (m != 0.0f && ((b < 0.0f) != (m < 0.0f))) m += b;
        return m;
      }
      __device__ __forceinline__ double jg_remainder(double a, double b) {
        double m = fmod(a, b);
        if (m != 0.0 && ((b < 0.0) != (m < 0.0))) m += b;
        return m;
      }
      __device__ __forceinline__ long long jg_iremainder(long long a, long long b) {
        if (b == 0) return 0;
        long long m = a %% b;
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return m;
      }
      __device__ __forceinline__ long long jg_ifloordiv(long long a, long long b) {
        if (b == 0) return 0;
        long long q = a / b;
        if ((a %% b != 0) && ((a < 0) != (b < 0))) q -= 1;
        return q;
      }
      __device__ __forceinline__ void jg_atomic_add(float* p, float v) { atomicAdd(p, v); }
      __device__ __forceinline__ void jg_atomic_add(double* p, double v) { atomicAdd(p, v); }
      __device__ __forceinline__ void jg_atomic_add(int* p, int v) { atomicAdd(p, v); }
      __device__ __forceinline__ void jg_atomic_add(long long* p, long long v) {
        atomicAdd((unsigned long long*)p, (unsigned long long)v);
      }
      // Byte-sized elements: compare-and-swap on the aligned 32-bit word holding the byte
      // (device blocks are 512-byte aligned and sized, so the word is always inside the block).
      __device__ __forceinline__ void jg_atomic_byte(unsigned char* p, unsigned char v, bool logical) {
        unsigned int* word = (unsigned int*)((unsigned long long)p & ~3ULL);
        unsigned int shift = (unsigned int)(((unsigned long long)p & 3ULL) * 8ULL);
        unsigned int old = *word;
        unsigned int assumed;
        do {
          assumed = old;
          unsigned int current = (assumed >> shift) & 0xffu;
          unsigned int next = logical ? ((current | v) != 0u ? 1u : 0u) : ((current + v) & 0xffu);
          old = atomicCAS(word, assumed, (assumed & ~(0xffu << shift)) | (next << shift));
        } while (assumed != old);
      }
      __device__ __forceinline__ void jg_report(unsigned long long* error, long long index) {
        if (atomicCAS(error, 0ULL, 1ULL) == 0ULL) error[1] = (unsigned long long)index;
      }
      """
          .formatted(MAX_DIMS);
}
