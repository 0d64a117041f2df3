#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jwtproof_fuzzing::differential(data));
