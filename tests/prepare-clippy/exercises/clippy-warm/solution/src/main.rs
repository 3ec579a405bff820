fn main() {
    println!("len: {}", memchr::memchr(b'x', b"abcx").unwrap_or(0));
}
