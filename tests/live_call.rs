//! The cohort call on loopback with relays off: one host and three learners driven
//! through the library, over the real network engine (iroh), never a mock.

use huddle::live::code::JoinCode;
use huddle::live::host::{Host, HostCmd, HostOptions};
use huddle::live::iroh_net::Net;
use huddle::live::join::{JoinError, Learner, LearnerEvent};
use huddle::live::protocol::{Mark, Status, ToLearner};
use huddle::live::room::{LessonOutline, Room};
use huddle::progress::StepStatus;
use std::time::{Duration, Instant};

const LESSON: &str = r#"id = "live-demo"
title = "Live demo"
"#;
const WAIT: Duration = Duration::from_secs(20);

fn host(cap: usize) -> Host {
    Host::start_net(
        HostOptions {
            coach: "Coach Ana".into(),
            lesson_id: "live-demo".into(),
            lesson: LESSON.into(),
            cap,
            shared: Default::default(),
        },
        Net::local(),
    )
    .expect("host starts on loopback")
}

fn join(code: &JoinCode, name: &str) -> Learner {
    Learner::join_net(code.clone(), name, Net::local()).expect("learner joins")
}

fn outline() -> LessonOutline {
    LessonOutline {
        id: "live-demo".into(),
        titles: vec!["Read".into(), "Count".into(), "Group".into()],
        mistakes: vec![
            vec![],
            vec!["Forgot GROUP BY".into(), "Counted blanks".into()],
            vec![],
        ],
    }
}

fn status(step: u32, marks: &[(StepStatus, u32, Option<u32>)], hand: bool) -> Status {
    Status {
        step,
        marks: marks
            .iter()
            .map(|&(status, tries, mistake)| Mark {
                status,
                tries,
                hints: 0,
                seconds: 30 * tries as u64,
                mistake,
            })
            .collect(),
        hand,
    }
}

/// Feed host events to the room until `done` holds.
fn until(host: &Host, room: &mut Room, done: impl Fn(&Room) -> bool) {
    let start = Instant::now();
    while !done(room) {
        assert!(
            start.elapsed() < WAIT,
            "the room never got there: {:#?}",
            room.seats
        );
        if let Some(ev) = host.wait_event(Duration::from_millis(200)) {
            room.apply(&ev, Instant::now());
        }
    }
}

fn coach_msg(l: &Learner, want: impl Fn(&ToLearner) -> bool) -> ToLearner {
    let start = Instant::now();
    loop {
        assert!(start.elapsed() < WAIT, "the learner never heard it");
        if let Some(LearnerEvent::Coach(m)) = l.wait_event(Duration::from_millis(200))
            && want(&m)
        {
            return m;
        }
    }
}

#[test]
fn three_learners_their_steps_a_mistake_a_hand_and_the_coach_leading() {
    let host = host(60);
    let code = host.code.clone();
    let mut room = Room::new(outline(), Duration::from_secs(300));
    let a = join(&code, "Ana P.");
    let b = join(&code, "Bo");
    let c = join(&code, "Cy");
    assert_eq!(a.welcome.coach, "Coach Ana");
    assert_eq!(
        a.welcome.lesson, LESSON,
        "the lesson file comes from the host"
    );
    until(&host, &mut room, |r| r.seats.len() == 3);

    use StepStatus::*;
    a.status(status(1, &[(Done, 0, None), (Open, 2, Some(0))], false));
    b.status(status(1, &[(Done, 0, None), (Open, 1, Some(0))], true));
    c.status(status(
        2,
        &[(Done, 0, None), (Done, 1, None), (Open, 0, None)],
        false,
    ));
    until(&host, &mut room, |r| {
        r.seats.iter().all(|s| s.status.is_some()) && r.hands().len() == 1
    });
    assert_eq!(room.hands()[0].name, "Bo");
    let line = room.summary_line(1);
    assert!(line.starts_with("1 of 3 done"), "{line}");
    assert!(
        line.contains("most common mistake: Forgot GROUP BY ×2"),
        "{line}"
    );

    // The coach brings everyone to step 3 and holds them there.
    host.send(HostCmd::Bring(2));
    host.send(HostCmd::Hold(Some(2)));
    for l in [&a, &b, &c] {
        assert_eq!(
            coach_msg(l, |m| matches!(m, ToLearner::Bring { .. })),
            ToLearner::Bring { step: 2 }
        );
        assert_eq!(
            coach_msg(l, |m| matches!(m, ToLearner::Hold { .. })),
            ToLearner::Hold { step: Some(2) }
        );
    }
    host.send(HostCmd::Say("Look at the\u{1b}[2J county column".into()));
    match coach_msg(&a, |m| matches!(m, ToLearner::Say { .. })) {
        ToLearner::Say { text } => assert_eq!(
            text, "Look at the[2J county column",
            "control characters are removed"
        ),
        m => panic!("{m:?}"),
    }
    // Lowering a hand reaches only that learner.
    let bo = room.hands()[0].id;
    host.send(HostCmd::LowerHand(bo));
    assert_eq!(
        coach_msg(&b, |m| matches!(m, ToLearner::LowerHand)),
        ToLearner::LowerHand
    );
    host.send(HostCmd::Solution(2));
    assert_eq!(
        coach_msg(&c, |m| matches!(m, ToLearner::Solution { .. })),
        ToLearner::Solution { step: 2 }
    );
    assert!(
        a.events()
            .iter()
            .all(|e| !matches!(e, LearnerEvent::Coach(ToLearner::LowerHand)))
    );

    // A late joiner is told the hold at once.
    let d = join(&code, "Di");
    assert_eq!(d.welcome.hold, Some(2));
    assert_eq!(d.welcome.bring, Some(2));

    // A learner leaves: the seat stays, marked away.
    c.leave();
    until(&host, &mut room, |r| {
        r.seats.iter().any(|s| s.name == "Cy" && !s.connected)
    });

    // The coach quits: everyone still there is told, clearly.
    host.end();
    for l in [&a, &b, &d] {
        let start = Instant::now();
        loop {
            assert!(
                start.elapsed() < WAIT,
                "the learner was not told the call ended"
            );
            if let Some(LearnerEvent::Ended(why)) = l.wait_event(Duration::from_millis(200)) {
                assert!(why.contains("coach ended the call"), "{why}");
                break;
            }
        }
    }
}

#[test]
fn the_door_refuses_a_wrong_secret_a_full_call_and_a_damaged_code() {
    let host = host(1);
    let mut wrong = host.code.clone();
    wrong.secret[0] ^= 0xff;
    let err = Learner::join_net(wrong, "X", Net::local())
        .err()
        .expect("refused");
    assert!(
        matches!(&err, JoinError::Refused(m) if m.contains("did not accept this code")),
        "{err}"
    );

    let first = join(&host.code, "First");
    let err = Learner::join_net(host.code.clone(), "Second", Net::local())
        .err()
        .expect("full");
    assert!(
        err.to_string().contains("The call is full (1 learners)"),
        "{err}"
    );
    // The host is still serving the first learner.
    first.status(status(0, &[(StepStatus::Open, 0, None)], true));
    let mut room = Room::new(outline(), Duration::from_secs(300));
    until(&host, &mut room, |r| r.hands().len() == 1);

    let text = host.code.encode();
    let damaged = format!("{}Q", &text[..text.len() - 3]);
    assert!(JoinCode::parse(&damaged).is_err());
}

#[test]
fn a_learner_who_drops_comes_back_to_the_same_seat() {
    let host = host(60);
    let mut room = Room::new(outline(), Duration::from_secs(300));
    let a = join(&host.code, "Ana");
    a.status(status(
        0,
        &[(StepStatus::Open, 0, None), (StepStatus::NotSeen, 0, None)],
        false,
    ));
    until(&host, &mut room, |r| {
        r.seats.len() == 1 && r.seats[0].status.is_some()
    });
    // Cut the learner's connection from the network side.
    a.drop_connection_for_tests();
    let start = Instant::now();
    loop {
        assert!(start.elapsed() < WAIT, "the learner did not reconnect");
        if let Some(LearnerEvent::Reconnected) = a.wait_event(Duration::from_millis(200)) {
            break;
        }
    }
    a.status(status(
        1,
        &[(StepStatus::Done, 0, None), (StepStatus::Open, 0, None)],
        false,
    ));
    until(&host, &mut room, |r| {
        r.seats.iter().any(|s| s.step() == Some(1) && s.connected)
    });
    assert_eq!(room.seats.len(), 1, "the same seat, not a second one");
}

/// A raw peer: dials the host over iroh and speaks whatever bytes the test gives.
fn raw_exchange(code: &JoinCode, bytes: Vec<u8>) -> Option<Vec<u8>> {
    use huddle::live::transport::Dialer;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let code = code.clone();
    rt.block_on(async move {
        let d = huddle::live::iroh_net::dialer(Net::local()).await.unwrap();
        let mut pipe = d.dial(&code).await.unwrap();
        pipe.send.write_all(&bytes).await.ok()?;
        pipe.send.flush().await.ok()?;
        let mut len = [0u8; 4];
        let got =
            tokio::time::timeout(Duration::from_secs(10), pipe.recv.read_exact(&mut len)).await;
        let reply = match got {
            Ok(Ok(_)) => {
                let mut buf = vec![0u8; u32::from_be_bytes(len) as usize];
                pipe.recv.read_exact(&mut buf).await.ok()?;
                Some(buf)
            }
            _ => None,
        };
        d.close().await;
        reply
    })
}

#[test]
fn bad_peers_get_clear_answers_and_the_call_goes_on() {
    let host = host(60);
    let a = join(&host.code, "Ana");
    let mut room = Room::new(outline(), Duration::from_secs(300));
    until(&host, &mut room, |r| r.seats.len() == 1);

    // A newer huddle: its hello has another shape, and it hears which version we speak.
    let hello =
        br#"{"type":"hello","version":99,"secret":"00","name":"n","seat":"s","extra":[1,2]}"#;
    let mut frame = (hello.len() as u32).to_be_bytes().to_vec();
    frame.extend_from_slice(hello);
    let reply = raw_exchange(&host.code, frame).expect("a reply");
    let reply: ToLearner = serde_json::from_slice(&reply).unwrap();
    match reply {
        ToLearner::Refused { reason } => {
            let text = reason.explain();
            assert!(
                text.contains("version 1") && text.contains("yours speaks"),
                "{text}"
            );
        }
        r => panic!("{r:?}"),
    }
    // Something that is not our protocol at all.
    let reply = raw_exchange(&host.code, b"\x00\x00\x00\x05hello".to_vec()).expect("a reply");
    assert!(String::from_utf8_lossy(&reply).contains("not_hello"));
    // An oversized message: the connection is closed without reading it.
    let reply = raw_exchange(&host.code, (64u32 * 1024 * 1024).to_be_bytes().to_vec());
    assert!(reply.is_none(), "no answer to a 64 MB announcement");

    // The learner already in the call is still heard.
    a.status(status(0, &[(StepStatus::Open, 0, None)], true));
    until(&host, &mut room, |r| r.hands().len() == 1);
    // And a new one can still join.
    let b = join(&host.code, "Bo");
    until(&host, &mut room, |r| r.seats.len() == 2);
    drop(b);
}

#[test]
fn a_learner_status_cannot_carry_text() {
    // The only strings a learner sends are the hello's name, secret and seat token;
    // a status with any other field is refused as garbled.
    let bad = br#"{"type":"status","step":0,"marks":[],"hand":false,"answer":"Essex"}"#;
    let r: Result<huddle::live::protocol::ToHost, _> = huddle::live::protocol::decode(bad);
    assert!(r.is_err());
}
