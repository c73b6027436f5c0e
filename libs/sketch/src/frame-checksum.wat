;; The frame checksum's inner loop (frame-checksum.ts has the rest, and what the checksum is).
;; Compiled into frame-checksum-wasm.ts by `node tools/wasm/compile-wat.cjs`: run it after an edit.
(module
  (import "frame" "memory" (memory 1 65536 shared))
  ;; blocks(p, end, state): 16 lanes of 32 bits at `state`, four vectors; every 64-byte block
  ;; from p up to end adds its word i to lane i with xxHash32's round,
  ;;   lane = rotl(lane + word * 0x85EBCA77, 13) * 0x9E3779B1,
  ;; four independent vectors so that one multiplication does not wait for another.
  (func (export "blocks") (param $p i32) (param $end i32) (param $state i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $prime1 v128) (local $prime2 v128) (local $t v128)
    (local.set $prime1 (i32x4.splat (i32.const 0x9E3779B1)))
    (local.set $prime2 (i32x4.splat (i32.const 0x85EBCA77)))
    (local.set $a (v128.load offset=0 (local.get $state)))
    (local.set $b (v128.load offset=16 (local.get $state)))
    (local.set $c (v128.load offset=32 (local.get $state)))
    (local.set $d (v128.load offset=48 (local.get $state)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (i32x4.add (local.get $a) (i32x4.mul (v128.load offset=0 (local.get $p)) (local.get $prime2))))
        (local.set $a (i32x4.mul (v128.or (i32x4.shl (local.get $t) (i32.const 13)) (i32x4.shr_u (local.get $t) (i32.const 19))) (local.get $prime1)))
        (local.set $t (i32x4.add (local.get $b) (i32x4.mul (v128.load offset=16 (local.get $p)) (local.get $prime2))))
        (local.set $b (i32x4.mul (v128.or (i32x4.shl (local.get $t) (i32.const 13)) (i32x4.shr_u (local.get $t) (i32.const 19))) (local.get $prime1)))
        (local.set $t (i32x4.add (local.get $c) (i32x4.mul (v128.load offset=32 (local.get $p)) (local.get $prime2))))
        (local.set $c (i32x4.mul (v128.or (i32x4.shl (local.get $t) (i32.const 13)) (i32x4.shr_u (local.get $t) (i32.const 19))) (local.get $prime1)))
        (local.set $t (i32x4.add (local.get $d) (i32x4.mul (v128.load offset=48 (local.get $p)) (local.get $prime2))))
        (local.set $d (i32x4.mul (v128.or (i32x4.shl (local.get $t) (i32.const 13)) (i32x4.shr_u (local.get $t) (i32.const 19))) (local.get $prime1)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $block)))
    (v128.store offset=0 (local.get $state) (local.get $a))
    (v128.store offset=16 (local.get $state) (local.get $b))
    (v128.store offset=32 (local.get $state) (local.get $c))
    (v128.store offset=48 (local.get $state) (local.get $d))))
