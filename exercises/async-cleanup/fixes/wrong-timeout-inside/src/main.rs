// A request handler opens a database session, runs one query and gives
// up when the query takes longer than its deadline. The database allows
// one open connection at a time, and closing one takes an await.
use std::time::Duration;
use tokio::time::timeout;

/// Closes its connection when dropped, as a guard should.
struct Session {
    conn: Option<db::Conn>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // drop cannot await, so the close runs in a task of its own
            tokio::spawn(conn.close());
        }
    }
}

/// Runs `query`; Err when it fails or misses `deadline`. Edit this
/// function (and Session, if you like).
async fn handle(db: &'static db::Db, query: &'static str, deadline: Duration) -> Result<u32, String> {
    let mut session = Session { conn: Some(db.connect()?) };
    let query_done = session.conn.as_mut().unwrap().query(query);
    timeout(deadline, query_done)
        .await
        .map_err(|_| format!("gave up after {} ms", deadline.as_millis()))
}

fn main() {
    db::run(handle);
}

// Do not change this module. A database that allows one connection at
// a time, like a SQLite file opened for writing. The runtime's clock is
// paused, so the timings are exact.
mod db {
    use std::future::Future;
    use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::time::sleep;

    pub struct Db {
        open: Arc<AtomicBool>,
    }

    pub struct Conn {
        open: Arc<AtomicBool>,
    }

    impl Db {
        pub fn connect(&self) -> Result<Conn, String> {
            if self.open.load(SeqCst) {
                return Err("database is locked: a connection is still open".into());
            }
            self.open.store(true, SeqCst);
            Ok(Conn { open: self.open.clone() })
        }
    }

    impl Conn {
        /// "slow report" takes 30 ms; anything else 1 ms.
        pub async fn query(&mut self, query: &str) -> u32 {
            let ms = if query == "slow report" { 30 } else { 1 };
            sleep(Duration::from_millis(ms)).await;
            query.len() as u32
        }
        /// Writes the journal back and releases the file: it must await.
        pub async fn close(self) {
            sleep(Duration::from_millis(5)).await;
            self.open.store(false, SeqCst);
        }
    }

    pub fn run<F, Fut>(handle: F)
    where
        F: Fn(&'static Db, &'static str, Duration) -> Fut,
        Fut: Future<Output = Result<u32, String>>,
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        rt.block_on(async {
            let db: &'static Db = Box::leak(Box::new(Db { open: Arc::new(AtomicBool::new(false)) }));
            let deadline = Duration::from_millis(10);
            for query in ["slow report", "count users", "count orders"] {
                match handle(db, query, deadline).await {
                    Ok(n) => println!("{query}: {n}"),
                    Err(e) => println!("{query}: {e}"),
                }
                if db.open.load(SeqCst) {
                    println!("{query}: handle returned with its connection still open");
                    return;
                }
            }
            println!("every connection closed before its handler returned");
        });
    }
}
