;; Softmax of float32 rows in place (WebAssembly SIMD). Compiled by `wabt` into the bytes in
;; softmax-rows-module.ts; softmax-rows.test.ts checks the two still match.
;;
;; A text's vector must be the same bits whatever it is batched with, and a batch pads every row
;; with masked logits (-1e9): so each exponential is computed the same way in a SIMD lane as in the
;; scalar tail (the same float32 operations in the same order), and each row's sum is taken one
;; element after the other, in index order, so that the padding's zeros add nothing.
(module
  (memory (export "memory") 1 65536)

  ;; exp(x) for x <= 0 in float32 (Cephes' expf polynomial, within 2 ulp): x = n ln2 + r, with
  ;; |r| <= ln2 / 2, exp(r) by a degree-7 polynomial, 2^n put in the exponent bits. Below -87 the
  ;; result would be subnormal: 0 there (a row's sum is at least 1, so such terms never count).
  (func $exp (param $x f32) (result f32)
    (local $n f32) (local $r f32)
    (if (f32.lt (local.get $x) (f32.const -87)) (then (return (f32.const 0))))
    (local.set $n (f32.floor (f32.add (f32.mul (local.get $x) (f32.const 1.44269504088896341)) (f32.const 0.5))))
    (local.set $r (f32.sub (f32.sub (local.get $x) (f32.mul (local.get $n) (f32.const 0.693359375)))
                           (f32.mul (local.get $n) (f32.const -2.12194440e-4))))
    (f32.mul
      (f32.add
        (f32.add
          (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add
              (f32.mul (f32.const 1.9875691500e-4) (local.get $r))
              (f32.const 1.3981999507e-3)) (local.get $r))
              (f32.const 8.3334519073e-3)) (local.get $r))
              (f32.const 4.1665795894e-2)) (local.get $r))
              (f32.const 1.6666665459e-1)) (local.get $r))
              (f32.const 5.0000001201e-1))
            (f32.mul (local.get $r) (local.get $r)))
          (local.get $r))
        (f32.const 1))
      (f32.reinterpret_i32
        (i32.shl (i32.add (i32.trunc_f32_s (local.get $n)) (i32.const 127)) (i32.const 23)))))

  ;; $exp on four lanes, operation for operation.
  (func $exp4 (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $low v128)
    (local.set $low (f32x4.lt (local.get $x) (v128.const f32x4 -87 -87 -87 -87)))
    (local.set $x (f32x4.pmax (local.get $x) (v128.const f32x4 -87 -87 -87 -87)))
    (local.set $n (f32x4.floor (f32x4.add (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))
                                          (v128.const f32x4 0.5 0.5 0.5 0.5))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
                             (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (v128.andnot
      (f32x4.mul
        (f32x4.add
          (f32x4.add
            (f32x4.mul
              (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add
                (f32x4.mul (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r))
                (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $r))
                (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $r))
                (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $r))
                (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $r))
                (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
              (f32x4.mul (local.get $r) (local.get $r)))
            (local.get $r))
          (v128.const f32x4 1 1 1 1))
        (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (local.get $low)))

  ;; Softmax over each of `rows` rows of `width` floats at byte offset `at`, in place.
  (func (export "softmax") (param $at i32) (param $rows i32) (param $width i32)
    (local $end i32) (local $p i32) (local $rowEnd i32) (local $vectorEnd i32) (local $max v128) (local $m f32)
    (local $shift v128) (local $sum f32) (local $scale v128) (local $s f32)
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.mul (local.get $rows) (local.get $width)) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $at) (i32.shl (local.get $width) (i32.const 2))))
        (local.set $vectorEnd (i32.add (local.get $at) (i32.shl (i32.and (local.get $width) (i32.const -4)) (i32.const 2))))
        ;; The row's largest logit.
        (local.set $max (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $p (local.get $at))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $p) (local.get $vectorEnd)))
          (local.set $max (f32x4.max (local.get $max) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $l1)))
        (local.set $m (f32.max (f32.max (f32x4.extract_lane 0 (local.get $max)) (f32x4.extract_lane 1 (local.get $max)))
                               (f32.max (f32x4.extract_lane 2 (local.get $max)) (f32x4.extract_lane 3 (local.get $max)))))
        (block $b2 (loop $l2
          (br_if $b2 (i32.ge_u (local.get $p) (local.get $rowEnd)))
          (local.set $m (f32.max (local.get $m) (f32.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $l2)))
        ;; exp(logit - max), stored over the logits.
        (local.set $shift (f32x4.splat (local.get $m)))
        (local.set $p (local.get $at))
        (block $b3 (loop $l3
          (br_if $b3 (i32.ge_u (local.get $p) (local.get $vectorEnd)))
          (v128.store (local.get $p) (call $exp4 (f32x4.sub (v128.load (local.get $p)) (local.get $shift))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $l3)))
        (block $b4 (loop $l4
          (br_if $b4 (i32.ge_u (local.get $p) (local.get $rowEnd)))
          (f32.store (local.get $p) (call $exp (f32.sub (f32.load (local.get $p)) (local.get $m))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $l4)))
        ;; Their sum, in index order.
        (local.set $sum (f32.const 0))
        (local.set $p (local.get $at))
        (block $b5 (loop $l5
          (br_if $b5 (i32.ge_u (local.get $p) (local.get $rowEnd)))
          (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $l5)))
        ;; Each times 1 / sum.
        (local.set $s (f32.div (f32.const 1) (local.get $sum)))
        (local.set $scale (f32x4.splat (local.get $s)))
        (local.set $p (local.get $at))
        (block $b6 (loop $l6
          (br_if $b6 (i32.ge_u (local.get $p) (local.get $vectorEnd)))
          (v128.store (local.get $p) (f32x4.mul (v128.load (local.get $p)) (local.get $scale)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $l6)))
        (block $b7 (loop $l7
          (br_if $b7 (i32.ge_u (local.get $p) (local.get $rowEnd)))
          (f32.store (local.get $p) (f32.mul (f32.load (local.get $p)) (local.get $s)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $l7)))
        (local.set $at (local.get $rowEnd))
        (br $row))))
)
