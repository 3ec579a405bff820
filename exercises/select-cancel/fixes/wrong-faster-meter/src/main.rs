// A meter sends readings in pairs (one frame = two readings). The main
// loop sums every frame, and answers status requests as they come.
use std::time::Duration;
use tokio::sync::mpsc;

async fn read_frame(readings: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = readings.recv().await?;
    let second = readings.recv().await?;
    Some((first, second))
}

async fn meter(readings: mpsc::Sender<u32>, status: mpsc::Sender<()>) {
    let pause = |ms| tokio::time::sleep(Duration::from_millis(ms));
    for frame in 0..5 {
        readings.send(2 * frame + 1).await.unwrap();
        pause(20).await;
        // someone asks how far we are, half-way through a frame
        println!("meter: status request {} sent", frame + 1);
        status.send(()).await.unwrap();
        pause(20).await; // no more waiting for the second reading
        readings.send(2 * frame + 2).await.unwrap();
        pause(20).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (reading_tx, mut readings) = mpsc::channel(8);
    let (status_tx, mut status) = mpsc::channel(8);
    tokio::spawn(meter(reading_tx, status_tx));

    let mut total = 0;
    // No select, so nothing is dropped half-way: read a whole frame, then
    // answer the status requests that came in while it was read.
    while let Some((a, b)) = read_frame(&mut readings).await {
        total += a + b;
        while let Ok(()) = status.try_recv() {
            println!("status: {total} so far");
        }
    }
    println!("total: {total}");
}
