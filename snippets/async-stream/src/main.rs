// cmp-async-stream: the export as straight-line code with try_stream!,
// the async-stream macro in which `?` works.
use async_stream::try_stream;
use futures::stream::{self, Stream, StreamExt};
use std::io;

struct Signer(u32);

impl Signer {
    fn update(&mut self, chunk: &[u8]) {
        self.0 += chunk.len() as u32;
    }
    async fn finish(self) -> io::Result<Vec<u8>> {
        Ok(self.0.to_le_bytes().to_vec())
    }
}

fn signed(
    mut file: impl Stream<Item = io::Result<Vec<u8>>> + Unpin,
    mut signer: Signer,
) -> impl Stream<Item = io::Result<Vec<u8>>> {
    let export = try_stream! {
        while let Some(chunk) = file.next().await {
            let chunk = chunk?;
            signer.update(&chunk);
            yield chunk;
        }
        yield signer.finish().await?;
    };
    export
}

#[tokio::main]
async fn main() {
    let file = stream::iter(vec![Ok(b"ab".to_vec()), Ok(b"cde".to_vec())]);
    let parts: Vec<_> = signed(file, Signer(0)).collect().await;
    println!("{parts:?}");
    // a failing `?` sends its Err as the last item, and the stream ends
    let bad = io::Error::new(io::ErrorKind::Other, "disk");
    let file = stream::iter(vec![Ok(b"ab".to_vec()), Err(bad), Ok(b"c".to_vec())]);
    let parts: Vec<_> = signed(file, Signer(0)).collect().await;
    assert!(matches!(parts.as_slice(), [Ok(_), Err(_)]), "{parts:?}");
}
