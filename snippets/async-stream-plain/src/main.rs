// cmp-async-stream: the export written with stream! and `?`, as the text
// had it. async-stream 0.3.4 (Debian) rewrites `?` in stream! too, so this
// builds; try_stream! is the documented form.
use async_stream::stream;
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
    let export = stream! {
        while let Some(chunk) = file.next().await {
            let chunk = chunk?;
            signer.update(&chunk);
            yield Ok(chunk);
        }
        yield Ok(signer.finish().await?);
    };
    export
}

#[tokio::main]
async fn main() {
    let file = stream::iter(vec![Ok(b"ab".to_vec()), Ok(b"cde".to_vec())]);
    let parts: Vec<_> = signed(file, Signer(0)).collect().await;
    println!("{parts:?}");
}
