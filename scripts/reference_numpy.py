#!/usr/bin/env python3
# Copied unchanged (below this header) from the project's shared bench directory,
# shared/bench/reference_numpy.py (on the build machine: /work/shared/bench/reference_numpy.py),
# so that `make bench` does not need ../shared. `make bench` runs it with the same thread count
# as tokencast's run of the same model and parses its two output lines
# (Sources/tokencast-bench/main.swift, "numpy reference"). Do not edit the model here: it is the
# performance anchor; change the bench's copy of the parameters only together with it.
# sha256 of the original file: 6058b48359af72a6ae59f74f170743fea29a34d4ebfed83e2574e4b42cfa4caa
"""Performance anchor: the baseline thread model of shared/docs/MODEL.md, vectorised in numpy
(what a user would write in a notebook instead). Prints threads/s and summary figures.
usage: reference_numpy.py N_THREADS [SEED]"""
import sys, time
import numpy as np

def simulate(n, rng, prices, explicit_cache=True, max_attempts=3,
             turns_mu=np.log(30), turns_sigma=0.6, u_mu=np.log(3000), u_sigma=0.5,
             o_mu=np.log(300), o_sigma=0.5, h_a=18.0, h_b=2.0, s=20000.0, p=0.6, q=0.03):
    p_in, p_out, p_cr, p_cw = prices
    cost = np.zeros(n); waste = np.zeros(n); done = np.zeros(n, bool); attempts = np.zeros(n, np.int32)
    for _ in range(max_attempts):
        act = ~done
        m = int(act.sum())
        if m == 0: break
        T = np.maximum(1.0, np.floor(rng.lognormal(turns_mu, turns_sigma, m)))
        u = rng.lognormal(u_mu, u_sigma, m); o = rng.lognormal(o_mu, o_sigma, m)
        h = rng.beta(h_a, h_b, m)
        I = T * s + u * T * (T + 1) / 2 + o * T * (T - 1) / 2
        N = s + u * T + o * (T - 1)
        R = I - N
        cr = h * R
        if explicit_cache:
            c = cr * p_cr + (N + (1 - h) * R) * p_cw + o * T * p_out
        else:
            c = cr * p_cr + (N + (1 - h) * R) * p_in + o * T * p_out
        r = rng.random(m)
        rails = r < q
        ok = (~rails) & (r < q + (1 - q) * p)
        idx = np.flatnonzero(act)
        cost[idx] += c; waste[idx] += np.where(rails, c, 0.0); attempts[idx] += 1
        done[idx[ok]] = True
    return cost, waste, done, attempts

if __name__ == "__main__":
    n = int(sys.argv[1]); seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = np.random.default_rng(seed)
    opus = (5e-6, 25e-6, 0.5e-6, 6.25e-6)
    simulate(1000, rng, opus)
    t = time.perf_counter(); cost, waste, done, att = simulate(n, rng, opus); dt = time.perf_counter() - t
    q = np.percentile(cost, [5, 50, 90, 95, 99])
    print(f"threads={n} seconds={dt:.3f} threads_per_s={n/dt:.0f}")
    print(f"mean={cost.mean():.4f} p5={q[0]:.4f} p50={q[1]:.4f} p90={q[2]:.4f} p95={q[3]:.4f} p99={q[4]:.4f} "
          f"waste_share={waste.sum()/cost.sum():.4f} success={done.mean():.4f} attempts={att.mean():.3f}")
