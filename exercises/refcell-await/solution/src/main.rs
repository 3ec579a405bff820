// A single-threaded game: the world lives in an Rc<RefCell<_>>, shared
// by the render loop and a task that loads the level's assets.
use std::cell::RefCell;
use std::rc::Rc;

/// Loads three assets into the world, showing the loading screen
/// meanwhile.
async fn load_level(world: Rc<RefCell<game::World>>) {
    // A RefCell borrow is checked at run time, and a guard held across an
    // .await stays alive while other tasks run: the renderer's borrow
    // then finds the cell taken and panics. So each borrow ends before
    // the next await; the world is free while the fetch is pending.
    world.borrow_mut().loading = true;
    for name in ["map", "music", "sprites"] {
        let asset = game::fetch(name).await;
        world.borrow_mut().assets.push(asset);
    }
    world.borrow_mut().loading = false;
}

fn main() {
    game::run(load_level);
}

// Do not change this module. The render loop draws a frame every 5 ms
// (on tokio's clock, paused so the timings are exact); fetching an asset
// takes 12 ms. Both tasks run on one thread, in a LocalSet.
mod game {
    use std::cell::RefCell;
    use std::future::Future;
    use std::rc::Rc;
    use std::time::Duration;

    #[derive(Default)]
    pub struct World {
        pub loading: bool,
        pub assets: Vec<String>,
        pub frames: u32,
    }

    pub async fn fetch(name: &str) -> String {
        tokio::time::sleep(Duration::from_millis(12)).await;
        format!("{name}.dat")
    }

    pub fn run<F, Fut>(load: F)
    where
        F: FnOnce(Rc<RefCell<World>>) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let local = tokio::task::LocalSet::new();
        let world = Rc::new(RefCell::new(World::default()));
        let (drawn, loading_frames) = local.block_on(&rt, async {
            let loader = tokio::task::spawn_local(load(world.clone()));
            let shared = world.clone();
            let renderer = tokio::task::spawn_local(async move {
                let (mut drawn, mut loading_frames) = (0, 0);
                for _ in 0..40 {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    let mut w = shared.borrow_mut();
                    w.frames += 1;
                    drawn += 1;
                    if w.loading {
                        loading_frames += 1;
                    }
                }
                (drawn, loading_frames)
            });
            loader.await.expect("the loader panicked");
            renderer.await.expect("the renderer panicked")
        });
        let w = world.borrow();
        println!("assets: {}", w.assets.join(", "));
        if w.frames != drawn {
            println!("the world counts {} frames, but {drawn} were drawn: an update was lost", w.frames);
        } else if loading_frames == 0 {
            println!("no frame showed the loading screen");
        } else if w.loading || w.assets.len() != 3 {
            println!("the level did not finish loading");
        } else {
            println!("{drawn} frames drawn, {loading_frames} of them while loading");
        }
    }
}
