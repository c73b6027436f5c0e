;; RGBA frames to I420 (BT.709, limited range) for the encoder; frame-i420.ts has the rest.
;; Compiled into frame-i420-wasm.ts by `node tools/wasm/compile-wat.cjs`: run it after an edit.
;;
;; Fixed point, 15 fraction bits (frame-i420.test.ts checks it against the same arithmetic in JavaScript):
;;   Y  = (5983 R + 20127 G + 2032 B + (16 << 15) + (1 << 14)) >> 15
;; and U, V from the sums of each 2×2 block's four pixels (an average: two more bits),
;;   U  = (-3298 R - 11094 G + 14392 B + (128 << 17) + (1 << 16)) >> 17
;;   V  = (14392 R - 13072 G - 1320 B + (128 << 17) + (1 << 16)) >> 17
;; Alpha is ignored, as ffmpeg ignores it converting rgba to yuv420p.
(module
  (import "frame" "memory" (memory 1 65536 shared))

  ;; Per pixel pair [R G B A R G B A] as i16: i32x4.dot_i16x8_s gives [RG, B, RG, B] partial sums.
  (global $coefY v128 (v128.const i16x8 5983 20127 2032 0 5983 20127 2032 0))
  (global $coefU v128 (v128.const i16x8 -3298 -11094 14392 0 -3298 -11094 14392 0))
  (global $coefV v128 (v128.const i16x8 14392 -13072 -1320 0 14392 -13072 -1320 0))

;; Y as i32x4 of four pixels given as two [R G B A R G B A] i16x8 halves.
  (func $luma4 (param $lo v128) (param $hi v128) (result v128)
    (local $l v128) (local $h v128)
    (local.set $l (i32x4.dot_i16x8_s (local.get $lo) (global.get $coefY)))
    (local.set $h (i32x4.dot_i16x8_s (local.get $hi) (global.get $coefY)))
    ;; [l0 l2 h0 h2] + [l1 l3 h1 h3], then the offset and the shift
    (i32x4.shr_s
      (i32x4.add
        (i32x4.add
          (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $l) (local.get $h))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $l) (local.get $h)))
        (i32x4.splat (i32.const 540672))) ;; (16 << 15) + (1 << 14)
      (i32.const 15)))

  ;; Four pixels of rows $a and $b (one load each): their Y in each row, and the sums of their
  ;; two 2×2 blocks as [R G B A | R G B A] i16x8.
  (func $group4 (param $a i32) (param $b i32) (result v128 v128 v128)
    (local $top v128) (local $bottom v128) (local $la v128) (local $ha v128) (local $lb v128) (local $hb v128) (local $lo v128) (local $hi v128)
    (local.set $top (v128.load (local.get $a)))
    (local.set $bottom (v128.load (local.get $b)))
    (local.set $la (i16x8.extend_low_i8x16_u (local.get $top)))
    (local.set $ha (i16x8.extend_high_i8x16_u (local.get $top)))
    (local.set $lb (i16x8.extend_low_i8x16_u (local.get $bottom)))
    (local.set $hb (i16x8.extend_high_i8x16_u (local.get $bottom)))
    (local.set $lo (i16x8.add (local.get $la) (local.get $lb)))
    (local.set $hi (i16x8.add (local.get $ha) (local.get $hb)))
    (call $luma4 (local.get $la) (local.get $ha))
    (call $luma4 (local.get $lb) (local.get $hb))
    ;; [pixel 0 | pixel 2] + [pixel 1 | pixel 3]
    (i16x8.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $hi))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $hi))))

  ;; Four chroma samples as i32x4 from the block sums of two calls of $group4.
  (func $chroma4 (param $first v128) (param $second v128) (param $coef v128) (result v128)
    (local $lo v128) (local $hi v128)
    (local.set $lo (i32x4.dot_i16x8_s (local.get $first) (local.get $coef)))
    (local.set $hi (i32x4.dot_i16x8_s (local.get $second) (local.get $coef)))
    (i32x4.shr_s
      (i32x4.add
        (i32x4.add
          (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $lo) (local.get $hi))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $lo) (local.get $hi)))
        (i32x4.splat (i32.const 16842752))) ;; (128 << 17) + (1 << 16)
      (i32.const 17)))

  ;; Sixteen pixels of rows $a and $b: sixteen Y bytes each at $ya and $yb, eight U at $u and eight V at $v.
  (func $columns16 (param $a i32) (param $b i32) (param $ya i32) (param $yb i32) (param $u i32) (param $v i32)
    (local $ya0 v128) (local $ya1 v128) (local $ya2 v128) (local $ya3 v128)
    (local $yb0 v128) (local $yb1 v128) (local $yb2 v128) (local $yb3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (call $group4 (local.get $a) (local.get $b))
    (local.set $s0) (local.set $yb0) (local.set $ya0)
    (call $group4 (i32.add (local.get $a) (i32.const 16)) (i32.add (local.get $b) (i32.const 16)))
    (local.set $s1) (local.set $yb1) (local.set $ya1)
    (call $group4 (i32.add (local.get $a) (i32.const 32)) (i32.add (local.get $b) (i32.const 32)))
    (local.set $s2) (local.set $yb2) (local.set $ya2)
    (call $group4 (i32.add (local.get $a) (i32.const 48)) (i32.add (local.get $b) (i32.const 48)))
    (local.set $s3) (local.set $yb3) (local.set $ya3)
    (v128.store (local.get $ya)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_s (local.get $ya0) (local.get $ya1))
        (i16x8.narrow_i32x4_s (local.get $ya2) (local.get $ya3))))
    (v128.store (local.get $yb)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_s (local.get $yb0) (local.get $yb1))
        (i16x8.narrow_i32x4_s (local.get $yb2) (local.get $yb3))))
    (v128.store64_lane 0 (local.get $u)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_s
          (call $chroma4 (local.get $s0) (local.get $s1) (global.get $coefU))
          (call $chroma4 (local.get $s2) (local.get $s3) (global.get $coefU)))
        (v128.const i32x4 0 0 0 0)))
    (v128.store64_lane 0 (local.get $v)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_s
          (call $chroma4 (local.get $s0) (local.get $s1) (global.get $coefV))
          (call $chroma4 (local.get $s2) (local.get $s3) (global.get $coefV)))
        (v128.const i32x4 0 0 0 0))))

  ;; One pixel's Y, as $luma4 computes it.
  (func $lumaAt (param $p i32) (result i32)
    (i32.shr_s
      (i32.add
        (i32.add
          (i32.add (i32.mul (i32.load8_u (local.get $p)) (i32.const 5983)) (i32.mul (i32.load8_u offset=1 (local.get $p)) (i32.const 20127)))
          (i32.mul (i32.load8_u offset=2 (local.get $p)) (i32.const 2032)))
        (i32.const 540672))
      (i32.const 15)))

  ;; One chroma sample from the sums of a 2×2 block's channels, as $chroma4 computes it.
  (func $chromaOf (param $r i32) (param $g i32) (param $b i32) (param $cr i32) (param $cg i32) (param $cb i32) (result i32)
    (i32.shr_s
      (i32.add
        (i32.add
          (i32.add (i32.mul (local.get $r) (local.get $cr)) (i32.mul (local.get $g) (local.get $cg)))
          (i32.mul (local.get $b) (local.get $cb)))
        (i32.const 16842752))
      (i32.const 17)))

  ;; The channel $c summed over the 2×2 block whose top-left pixel is at $a (row above $b).
  (func $sum4 (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add
      (i32.add (i32.load8_u (i32.add (local.get $a) (local.get $c))) (i32.load8_u offset=4 (i32.add (local.get $a) (local.get $c))))
      (i32.add (i32.load8_u (i32.add (local.get $b) (local.get $c))) (i32.load8_u offset=4 (i32.add (local.get $b) (local.get $c))))))

  ;; Two columns of rows $a and $b (one 2×2 block), one pixel at a time: what is left of a row after the sixteens.
  (func $block (param $a i32) (param $b i32) (param $ya i32) (param $yb i32) (param $u i32) (param $v i32)
    (local $r i32) (local $g i32) (local $bl i32)
    (i32.store8 (local.get $ya) (call $lumaAt (local.get $a)))
    (i32.store8 offset=1 (local.get $ya) (call $lumaAt (i32.add (local.get $a) (i32.const 4))))
    (i32.store8 (local.get $yb) (call $lumaAt (local.get $b)))
    (i32.store8 offset=1 (local.get $yb) (call $lumaAt (i32.add (local.get $b) (i32.const 4))))
    (local.set $r (call $sum4 (local.get $a) (local.get $b) (i32.const 0)))
    (local.set $g (call $sum4 (local.get $a) (local.get $b) (i32.const 1)))
    (local.set $bl (call $sum4 (local.get $a) (local.get $b) (i32.const 2)))
    (i32.store8 (local.get $u) (call $chromaOf (local.get $r) (local.get $g) (local.get $bl) (i32.const -3298) (i32.const -11094) (i32.const 14392)))
    (i32.store8 (local.get $v) (call $chromaOf (local.get $r) (local.get $g) (local.get $bl) (i32.const 14392) (i32.const -13072) (i32.const -1320))))

  ;; convert(src, width, height, y, u, v): the RGBA frame at src (width and height even) into the
  ;; planes at y (width × height), u and v (width/2 × height/2 each).
  (func (export "convert") (param $src i32) (param $width i32) (param $height i32) (param $y i32) (param $u i32) (param $v i32)
    (local $row i32) (local $x i32) (local $a i32) (local $b i32) (local $ya i32) (local $yb i32) (local $ur i32) (local $vr i32)
    (local $stride i32) (local $sixteens i32)
    (local.set $stride (i32.shl (local.get $width) (i32.const 2)))
    (local.set $sixteens (i32.and (local.get $width) (i32.const -16)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $height)))
        (local.set $a (i32.add (local.get $src) (i32.mul (local.get $row) (local.get $stride))))
        (local.set $b (i32.add (local.get $a) (local.get $stride)))
        (local.set $ya (i32.add (local.get $y) (i32.mul (local.get $row) (local.get $width))))
        (local.set $yb (i32.add (local.get $ya) (local.get $width)))
        (local.set $ur (i32.add (local.get $u) (i32.mul (i32.shr_u (local.get $row) (i32.const 1)) (i32.shr_u (local.get $width) (i32.const 1)))))
        (local.set $vr (i32.add (local.get $v) (i32.mul (i32.shr_u (local.get $row) (i32.const 1)) (i32.shr_u (local.get $width) (i32.const 1)))))
        (local.set $x (i32.const 0))
        (block $sixteensDone
          (loop $columns
            (br_if $sixteensDone (i32.ge_u (local.get $x) (local.get $sixteens)))
            (call $columns16
              (i32.add (local.get $a) (i32.shl (local.get $x) (i32.const 2)))
              (i32.add (local.get $b) (i32.shl (local.get $x) (i32.const 2)))
              (i32.add (local.get $ya) (local.get $x))
              (i32.add (local.get $yb) (local.get $x))
              (i32.add (local.get $ur) (i32.shr_u (local.get $x) (i32.const 1)))
              (i32.add (local.get $vr) (i32.shr_u (local.get $x) (i32.const 1))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $columns)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $x) (local.get $width)))
            (call $block
              (i32.add (local.get $a) (i32.shl (local.get $x) (i32.const 2)))
              (i32.add (local.get $b) (i32.shl (local.get $x) (i32.const 2)))
              (i32.add (local.get $ya) (local.get $x))
              (i32.add (local.get $yb) (local.get $x))
              (i32.add (local.get $ur) (i32.shr_u (local.get $x) (i32.const 1)))
              (i32.add (local.get $vr) (i32.shr_u (local.get $x) (i32.const 1))))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))
            (br $rest)))
        (local.set $row (i32.add (local.get $row) (i32.const 2)))
        (br $rows)))))
