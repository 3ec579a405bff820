// rt-block-in-place: block_in_place on a current-thread runtime.
fn decode(record: &[u8]) -> usize {
    record.len()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let n = tokio::task::block_in_place(|| decode(b"record"));
    println!("{n}");
}
