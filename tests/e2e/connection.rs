//! Restarts, dropped connections and invalid sessions.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn progress_and_old_buttons_survive_a_restart() {
    let mut world = World::start().await;
    let alice = alice_in_server();
    let shown = world.step(&alice, "self-trust", false).await;
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    updated(world.click(&alice, &picker, &name).await);

    world.restart_bot().await;

    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.text().contains(&name), "{}", progress.text());
    // A button from before the restart still works: its meaning lives in its id and the database.
    let next = updated(world.click(&alice, &shown, "Next ▶").await);
    assert!(next.text().contains(&content().steps()[1].title));
    world.assert_all_valid();
}

#[tokio::test]
async fn a_dropped_connection_resumes_and_keeps_answering() {
    let world = World::start().await;
    let identifies = world.standin.identify_count();
    world.standin.drop_connection();
    wait_until("the bot resumes", || world.standin.resume_count() >= 1).await;
    let shown = world.step(&alice_in_server(), "repair", false).await;
    assert!(shown.text().contains(&content().step("repair").unwrap().title));
    assert_eq!(world.standin.identify_count(), identifies, "a resume, not a new session");
    world.assert_all_valid();
}

#[tokio::test]
async fn after_an_invalid_session_the_bot_is_back_within_a_second_and_answers_an_interaction_sent_meanwhile()
{
    let world = World::start().await;
    // Discord allows one IDENTIFY per 5 s, and serenity keeps to it: the op 9 comes later than that after the
    // first, so any wait measured below is the restart's own.
    tokio::time::sleep(std::time::Duration::from_millis(5_200)).await;
    let readies = world.standin.ready_count();
    let invalidated = std::time::Instant::now();
    world.standin.invalidate_session(false);
    wait_until("a second READY", || world.standin.ready_count() > readies).await;
    let back = invalidated.elapsed();
    assert!(back < std::time::Duration::from_secs(1), "deaf for {back:?} after op 9");
    // An interaction a second after the op 9 is answered within Discord's 3 seconds.
    tokio::time::sleep(std::time::Duration::from_secs(1).saturating_sub(invalidated.elapsed())).await;
    let interaction = world.standin.run_command(&alice_in_server(), "step", step_options("repair")).await;
    let answered = world.standin.wait_response(&interaction, std::time::Duration::from_secs(3)).await;
    let shown = match answered {
        Ok(discord_standin::Response::Message(m)) => m,
        other => panic!("answered within 3 s: {other:?}"),
    };
    assert!(!shown.text().is_empty());
    let puts = world.standin.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1, "READY again must not register the commands again");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_rate_limited_registration_is_retried() {
    let standin_fault = discord_standin::Fault::new(
        r"^/applications/\d+/commands$",
        2,
        discord_standin::FaultKind::RateLimited { retry_after_secs: 0.1, global: false },
    );
    let mut world = World::start().await;
    world.stop_bot().await;
    world.standin.inject(standin_fault);
    let before = world.standin.requests().iter().filter(|r| r.method == "PUT").count();
    world.start_bot().await;
    let puts = || -> Vec<u16> {
        world.standin.requests().iter().filter(|r| r.method == "PUT").skip(before).map(|r| r.status).collect()
    };
    wait_until("the registration goes through", || puts().contains(&200)).await;
    assert_eq!(puts(), [429, 429, 200]);
}

#[tokio::test]
async fn shutdown_closes_the_gateway_and_the_database() {
    let mut world = World::start().await;
    let store = world.app().store.clone();
    world.stop_bot().await;
    assert!(steady::on_pool!(store, |pool| pool.is_closed()));
}

#[tokio::test]
async fn while_shutting_down_new_interactions_are_told_to_try_again() {
    let world = World::start().await;
    world.app().start_draining();
    let shown = world.command(&alice_in_server(), "progress", json!([])).await;
    assert!(shown.ephemeral());
    assert!(shown.text().contains("restarting"), "{}", shown.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn after_a_burst_of_answers_only_a_few_connections_stay_open() {
    use discord_standin::{Fault, FaultKind};
    use steady::discord::rest_client::MAX_IDLE_CONNECTIONS;

    let world = World::start().await;
    let burst = 2 * MAX_IDLE_CONNECTIONS;
    // Discord is slow to take the answers, so they are all in flight at once, each on its own connection.
    world.standin.inject(Fault::new(
        r"^/interactions/\d+/[^/]+/callback$",
        burst,
        FaultKind::Slow { millis: 400 },
    ));
    let alice = alice_in_server();
    let mut interactions = Vec::new();
    for _ in 0..burst {
        interactions.push(world.standin.run_command(&alice, "step", step_options("repair")).await);
    }
    wait_until("the answers are all in flight", || {
        world.standin.open_rest_connections() > MAX_IDLE_CONNECTIONS
    })
    .await;
    for interaction in &interactions {
        message_of(world.response(interaction).await);
    }
    // The connections beyond the few kept warm close as soon as their answer is done, not 90 seconds later.
    wait_until("the extra connections close", || {
        world.standin.open_rest_connections() <= MAX_IDLE_CONNECTIONS
    })
    .await;
    world.assert_all_valid();
}
