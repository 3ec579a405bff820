// stories/aws-engineer-failure-to-parallelize.md: an `async move` block
// spawned in a loop takes the vector of sinks on its first pass.
use futures::stream::{self, StreamExt};

pub struct Sink;

impl Sink {
    async fn push(&mut self, _item: u32) -> Result<(), ()> {
        Ok(())
    }
}

fn open_sinks() -> Vec<Sink> {
    vec![Sink, Sink]
}

#[tokio::main]
async fn main() {
    let mut sinks: Vec<Sink> = open_sinks();
    let mut batches = stream::iter(vec![vec![1, 2], vec![3, 4]]);
    while let Some(batch) = batches.next().await {
        tokio::spawn(async move {
            for (item, sink) in batch.into_iter().zip(&mut sinks) {
                sink.push(item).await.unwrap();
            }
        });
    }
}
