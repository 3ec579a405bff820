fn main() {
    println!("len: {}", memchr::memchr(b'x', b"abx").unwrap_or(0));
}
