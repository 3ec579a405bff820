// stories/aws-engineer-borrow-check-errors.md: return a frame borrowed
// from the buffer, or read more into it and try again.
pub struct Frame<'a>(&'a [u8]);

impl<'a> Frame<'a> {
    fn parse(buf: &'a [u8]) -> Option<Frame<'a>> {
        if buf.len() >= 4 {
            Some(Frame(&buf[..4]))
        } else {
            None
        }
    }
}

pub struct Conn {
    buf: Vec<u8>,
}

impl Conn {
    async fn fill(&mut self) {
        self.buf.push(0);
    }

    async fn next_frame(&mut self) -> Frame<'_> {
        loop {
            self.fill().await;
            if let Some(f) = Frame::parse(&self.buf) {
                return f;
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let mut conn = Conn { buf: Vec::new() };
    println!("{}", conn.next_frame().await.0.len());
}
