//! The work bound on every float model: a meeting crowded with blockholders gets its power
//! (not `null`) under the ocean, `EqualHolders(N)` and `Leech(N)`, and beyond the sizes the
//! subset enumeration handles the dynamic programme agrees with the exact closed forms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use alliance_sim::engine::analysis::{IssuerResult, KindResult};
use alliance_sim::engine::power::oracles::FloatHolders;
use alliance_sim::engine::power::{OceanGame, dubey_shapley, milnor_shapley, ratio_to_f64};
use alliance_sim::engine::{self};
use alliance_sim::model::FloatModel;

use crate::support::{company, holding, investor, parse, scenario_text};

/// One company of `issued` shares whose blockholders hold `shares`, the float as `model`.
fn meeting(issued: u64, shares: &[u64], model: &str) -> IssuerResult {
    let mut entities = vec![company("x", "Other", issued, 0)];
    let mut holdings = Vec::new();
    for (k, &n) in shares.iter().enumerate() {
        entities.push(investor(&format!("h{k}")));
        holdings.push(holding(&format!("h{k}"), "x", n));
    }
    let text = scenario_text("", &entities, &holdings, &[], &[])
        .replace("meeting: (float_turnout: \"1\")", &format!("meeting: (float_turnout: \"1\", float_model: {model})"));
    let s = parse(&text);
    let ev = engine::evaluate(&s).unwrap();
    ev.points[0].issuer("x").unwrap().clone()
}

/// Holdings of 1–3% of 1,000,000,000 shares with no common divisor (the worst case for exact
/// weights), `m` of them, scaled to leave a float when there are many.
fn worst_shares(m: usize) -> Vec<u64> {
    let mut rng = crate::support::random::Rng::new(0x5eed_0000 + m as u64);
    let scale = (20.0 / m as f64).min(1.0);
    (0..m)
        .map(|_| {
            let r = rng.next_u64() % 20_000_000;
            ((10_000_000 + r) as f64 * scale) as u64 | 1
        })
        .collect()
}

/// Each kind's power is there and adds up to 1 over the blockholders and the float.
fn assert_complete(x: &IssuerResult, what: &str) {
    for k in &x.kinds {
        let set = &k.power;
        assert!(set.unavailable.is_none(), "{what} {}: {:?}", k.game.kind, set.unavailable);
        let ss: f64 = set.holders.iter().map(|h| h.shapley_shubik).sum::<f64>() + set.float.shapley_shubik;
        assert!((ss - 1.0).abs() < 1e-9, "{what} {}: Shapley–Shubik adds up to {ss}", k.game.kind);
        assert!(set.holders.iter().all(|h| h.shapley_shubik > 0.0), "{what}: every blockholder has some power");
        if let Some(bz) = set.float.banzhaf {
            let sum: f64 = set.holders.iter().filter_map(|h| h.banzhaf).sum::<f64>() + bz;
            assert!((sum - 1.0).abs() < 1e-9, "{what} {}: Banzhaf adds up to {sum}", k.game.kind);
        }
    }
}

#[test]
fn every_float_model_gives_power_to_a_crowded_meeting() {
    // Any number of blockholders above the enumeration costs the programme its whole budget,
    // so one size stands for all (debug builds are slow); the release timings are in the bench.
    let shares = worst_shares(40);
    for model in ["Ocean", "EqualHolders(1000)", "Leech(1000000)"] {
        let x = meeting(1_000_000_000, &shares, model);
        assert_complete(&x, &format!("40 blockholders, {model}"));
    }
}

/// The blockholders' votes, the float's and the quota of a kind, as the power module sees them.
fn game_of(k: &KindResult) -> (Vec<u64>, u64, alliance_sim::engine::power::Quota) {
    let majors = k.game.players().iter().map(|&(_, v)| v).collect();
    (majors, k.game.float_votes_cast, k.game.free_quota().unwrap())
}

#[test]
fn beyond_the_enumeration_the_programme_agrees_with_the_exact_closed_forms() {
    // Blockholders of a few sizes, more than either model enumerates, so that the exact closed
    // forms, which group the sets of majors by weight, stay quick: 24 with the float as equal
    // holders, 18 with the ocean (its exact oracle stops at 20).
    for (model, m) in [(FloatModel::EqualHolders(40), 24), (FloatModel::Ocean, 18)] {
        let shares: Vec<u64> = (0..m).map(|k| 10_000_000 * (1 + k % 5)).collect();
        let name = match model {
            FloatModel::EqualHolders(_) => "EqualHolders(40)",
            _ => "Ocean",
        };
        let x = meeting(1_000_000_000, &shares, name);
        for k in &x.kinds {
            let (majors, float, quota) = game_of(k);
            let got: Vec<(f64, Option<f64>)> = k
                .game
                .players()
                .iter()
                .map(|&(i, _)| (k.power.holders[i].shapley_shubik, k.power.holders[i].banzhaf))
                .collect();
            let want: Vec<(f64, Option<f64>)> = if let FloatModel::EqualHolders(n) = model {
                let fh = FloatHolders::new(majors.clone(), float, u64::from(n), quota).unwrap();
                let (ss, bz) = (fh.shapley_shubik_exact().unwrap(), fh.banzhaf_exact().unwrap());
                ss.majors
                    .iter()
                    .zip(&bz.majors_normalised)
                    .map(|(s, b)| (ratio_to_f64(s), Some(ratio_to_f64(b))))
                    .collect()
            } else {
                let total = majors.iter().sum::<u64>() + float;
                let game = OceanGame::from_votes(&majors, total, quota).unwrap();
                let (ss, bz) = (milnor_shapley(&game).unwrap(), dubey_shapley(&game).unwrap());
                let norm = bz.normalised.unwrap();
                ss.majors.iter().zip(&norm).map(|(s, b)| (ratio_to_f64(s), Some(ratio_to_f64(b)))).collect()
            };
            for (g, w) in got.iter().zip(&want) {
                assert!((g.0 - w.0).abs() < 1e-12, "{name} {}: Shapley–Shubik {} vs {}", k.game.kind, g.0, w.0);
                let (gb, wb) = (g.1.unwrap(), w.1.unwrap());
                assert!((gb - wb).abs() < 1e-12, "{name} {}: Banzhaf {gb} vs {wb}", k.game.kind);
            }
        }
    }
}
