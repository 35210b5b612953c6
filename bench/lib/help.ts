// The text of `npm run bench -- --help`.
export const HELP = `usage: npm run bench -- [options]
       npm run bench -- --compare <runA> <runB>
       npm run bench -- --list

Runs benchmark scenarios and writes one result file per (scenario, target, experiment) to
bench/results/<id>.json (shape: bench/lib/result.ts). Without --scenario every scenario runs.

Scenarios (--list prints them with their descriptions):
  micro        every slot's mitata micro-benchmark, one scenario per bench/micro/<slot>.bench.ts
               (json, signer, interner, pdu-pipeline, store when present); run in a child process with
               --expose-gc, each repeat a fresh process. Metrics "<group>/<implementation>" in ns/op (p50).
  load         key-get: GET /_matrix/key/v2/server over TLS with keep-alive, every target measured in one
                 run, interleaved (A, B, A, B, ...), plus per round the throughput ratio to uws-hello
                 (ratio_vs_uws-hello, goal ≥ 0.8) and the server-CPU-per-request ratio
                 (cpu_efficiency_vs_uws-hello: steadier when other processes steal the server's core).
               hot-reload: key-get + POST /_matrix/key/v2/query load while every slot's implementation is
                 swapped back and forth through PUT /_lab/slots/<slot> every ~200 ms; failed requests must
                 be 0; reports p99 during swaps vs quiet windows. Fluctlight only (needs the lab API).

Options:
  --scenario a,b        scenarios or groups (micro, load, all) to run; repeatable
  --experiment NAME     Fluctlight experiment(s) (experiments/<NAME>.json), default baseline; repeatable or
                        comma-separated: load scenarios run once per experiment (all in the same interleaving)
  --target T            fluctlight | uws-hello | synapse | https://host:port ; repeatable or comma-separated.
                        Default: key-get → fluctlight,uws-hello; hot-reload → fluctlight. Micro scenarios run
                        only when fluctlight is among the targets. Synapse is started fresh through
                        scripts/interop/lib (../shared/peers/synapse/start.sh; needs root); a URL is used
                        as it is (no peak RSS or CPU figures then).
  --repeats N           load: interleaved rounds (default 5, --quick 2); micro: fresh processes (default 3,
                        --quick 1)
  --duration S          load: seconds per measured window (default 10, --quick 2)
  --warmup S            load: unrecorded seconds per target before the first round (default 3, --quick 1)
  --connections N       load: keep-alive connections (default 64)
  --generator G         auto | wrk | node (default auto: wrk when installed, else a Node generator in its own
                        process using undici and an HDR histogram). Recorded in params.generator.
  --no-pin              do not pin the generator and the server to different cores with taskset
  --quick               every scenario briefly (CI smoke test): short windows, one repeat of micro, micro
                        filtered to the first experiment's implementations
  --out DIR             where result files go (default bench/results/)
  --list                list the scenarios and exit
  --compare A B         compare two runs instead of running. A and B are each a result file, a result id,
                        a run stamp (the first part of an id: every result of one invocation) or an experiment
                        name (the newest result of each scenario and target for that experiment).
                        Prints, per scenario and metric: both medians, B/A, each run's spread and a verdict.
  -h, --help            this help

Noise rule used by --compare (per metric; "spread" = 1.4826·MAD, a robust standard deviation):
  both runs ≥ 3 samples: the difference is real when |median B − median A| > spread A + spread B;
  otherwise, both ≥ 2 samples: real when the min–max ranges do not overlap;
  a run with a single sample: "?" (its noise is unknown; use --repeats ≥ 3).
  A real difference is labelled better/worse using the metric's direction (higher or lower is better).

Each result holds: git revision (+ dirty flag), Node version, CPU model and count, start time, duration, params
(generator, pinning, connections, ...), metrics (samples, median, min, max, MAD), latency percentiles (load),
errors with samples, and the peak RSS (VmHWM) of the server process, or of the bench process for micro runs.
Exit status: 0; 1 when a scenario failed or a load run saw errors; 2 for a usage error.

Examples:
  npm run bench -- --quick
  npm run bench -- --scenario key-get --repeats 7 --duration 10
  npm run bench -- --scenario key-get --target fluctlight,uws-hello,synapse
  npm run bench -- --scenario load --experiment baseline,naive
  npm run bench -- --compare baseline naive`;
