// A camera driver offers only "is a frame ready yet?". next_frame turns
// that into a future; frames should turn it into a stream of frames.
use futures::stream::{self, BoxStream, StreamExt};
use std::time::Duration;

mod camera {
    /// Stands in for the C driver: every third check has a frame.
    pub struct Camera {
        pub id: u32,
        checks: u32,
        taken: u32,
    }
    pub fn open(id: u32) -> Camera {
        Camera { id, checks: 0, taken: 0 }
    }
    impl Camera {
        /// A frame number when one is ready, None when there is none yet,
        /// Some(0) never: the driver counts frames from 1.
        pub fn poll_frame(&mut self) -> Option<u32> {
            self.checks += 1;
            if self.checks % 3 == 0 {
                self.taken += 1;
                Some(self.taken)
            } else {
                None
            }
        }
    }
}
use camera::Camera;

pub struct Frame {
    camera: u32,
    number: u32,
}

/// Waits for the next frame, checking the driver every `wait`.
async fn next_frame(cam: &mut Camera, wait: Duration) -> Frame {
    loop {
        if let Some(number) = cam.poll_frame() {
            return Frame { camera: cam.id, number };
        }
        tokio::time::sleep(wait).await;
    }
}

/// All frames of one camera, as a stream.
fn frames(cam: Camera, wait: Duration) -> BoxStream<'static, Frame> {
    stream::unfold(cam, move |mut cam| async move {
        let frame = next_frame(&mut cam, wait).await;
        Some((frame, cam))
    })
    .boxed()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let first = frames(camera::open(1), Duration::from_millis(2)).take(3);
    futures::pin_mut!(first);
    while let Some(frame) = first.next().await {
        println!("camera {} frame {}", frame.camera, frame.number);
    }
}
