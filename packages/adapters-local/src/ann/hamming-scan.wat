;; Hamming distances of one binary code to many (WebAssembly SIMD). Compiled by `wabt` into the
;; bytes in hamming-scan-module.ts; hamming-scan.test.ts checks the two still match.
(module
  (memory (export "memory") 1 65536)
  ;; For `count` codes of `blocks` x 16 bytes from `codes`: out[i] (u16) = bits that differ from
  ;; the code at `query`, and hist[d] (u32) += 1 for each distance d. At most 31 blocks, so that a
  ;; byte lane (8 bits per block) never overflows.
  (func (export "scan")
    (param $codes i32) (param $count i32) (param $blocks i32) (param $query i32) (param $out i32) (param $hist i32)
    (local $end i32) (local $stride i32) (local $b i32) (local $acc v128) (local $d i32) (local $h i32)
    (local.set $stride (i32.shl (local.get $blocks) (i32.const 4)))
    (local.set $end (i32.add (local.get $codes) (i32.mul (local.get $count) (local.get $stride))))
    (block $done
      (loop $code
        (br_if $done (i32.ge_u (local.get $codes) (local.get $end)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $b (i32.const 0))
        (loop $block
          (local.set $acc
            (i8x16.add (local.get $acc)
              (i8x16.popcnt
                (v128.xor
                  (v128.load (i32.add (local.get $codes) (local.get $b)))
                  (v128.load (i32.add (local.get $query) (local.get $b)))))))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $block (i32.lt_u (local.get $b) (local.get $stride))))
        (local.set $acc (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $acc))))
        (local.set $d
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (i32.store16 (local.get $out) (local.get $d))
        (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $codes (i32.add (local.get $codes) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 2)))
        (br $code)))))
