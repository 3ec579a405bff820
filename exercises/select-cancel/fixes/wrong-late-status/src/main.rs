// A meter sends readings in pairs (one frame = two readings). The main
// loop sums every frame, and answers status requests as they come.
use std::time::Duration;
use tokio::sync::mpsc;

async fn meter(readings: mpsc::Sender<u32>, status: mpsc::Sender<()>) {
    let pause = |ms| tokio::time::sleep(Duration::from_millis(ms));
    for frame in 0..5 {
        readings.send(2 * frame + 1).await.unwrap();
        pause(20).await;
        // someone asks how far we are, half-way through a frame
        println!("meter: status request {} sent", frame + 1);
        status.send(()).await.unwrap();
        pause(300).await; // the second reading of a frame is slow to come
        readings.send(2 * frame + 2).await.unwrap();
        pause(20).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (reading_tx, mut readings) = mpsc::channel(8);
    let (status_tx, mut status) = mpsc::channel(8);
    tokio::spawn(meter(reading_tx, status_tx));

    // Sum every reading first, then answer the requests that came in the
    // meantime: nothing is lost, but nobody hears back until the end.
    let mut total = 0;
    while let Some(reading) = readings.recv().await {
        total += reading;
    }
    while let Some(()) = status.recv().await {
        println!("status: {total} so far");
    }
    println!("total: {total}");
}
