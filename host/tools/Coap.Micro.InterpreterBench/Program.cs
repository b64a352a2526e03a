using System;
using System.Collections.Generic;
using System.Diagnostics;
using Coap.Micro;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// Time per datagram of Coap.Micro's paths, built for .NET Framework 4.x and run under Mono's IL
    /// interpreter (mono --interp=-inline) as a proxy for the nanoFramework interpreter: compare the
    /// figures of two builds (compare.sh), never one path against another or against a board.
    /// Prints "result NAME MICROSECONDS OPERATIONS WALL_MICROSECONDS" per path: the fastest of 20 batches
    /// by the thread's CPU time (Stopwatch where that cannot be read), and by Stopwatch. "skipped NAME" is a
    /// path the sources cannot run, "failed NAME WHY" one whose answer was wrong (the exit code is then 1).
    /// Options: --quick (a handful of operations, for tests), --scale F (operations times F), --only NAME.
    /// </summary>
    public static class Program
    {
        private const int Batches = 20;

        /// <summary>Runs the paths.</summary>
        public static int Main(string[] args)
        {
            bool quick = false;
            double scale = 1.0;
            string only = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--quick")
                {
                    quick = true;
                }
                else if (args[i] == "--scale" && i + 1 < args.Length)
                {
                    scale = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (args[i] == "--only" && i + 1 < args.Length)
                {
                    only = args[++i];
                }
                else
                {
                    Console.Error.WriteLine("usage: Coap.Micro.InterpreterBench.exe [--quick] [--scale F] [--only NAME]");
                    return 2;
                }
            }

            // Thread CPU time leaves out the waits of a shared machine; Stopwatch where it cannot be read.
            Console.WriteLine("clock " + (ThreadCpu.Nanoseconds() >= 0 ? "thread-cpu" : "stopwatch"));
            var skipped = new List<string>();
            List<BenchPath> paths = Paths(skipped);
            foreach (string name in skipped)
            {
                // The sources measured lack what the path needs (an older commit).
                Console.WriteLine("skipped " + name);
            }

            int failures = 0;
            foreach (BenchPath path in paths)
            {
                if (only != null && path.Name != only)
                {
                    continue;
                }

                string wrong;
                double microseconds = 0;
                double wall = 0;
                int operations = quick ? 8 : Math.Max(Batches, (int)(path.Operations * scale));
                try
                {
                    wrong = path.Setup();
                    if (wrong == null)
                    {
                        microseconds = Measure(path, operations, quick, out wall, out wrong);
                    }
                }
                catch (Exception e)
                {
                    wrong = e.ToString();
                }

                if (wrong != null)
                {
                    failures++;
                    Console.WriteLine("failed " + path.Name + " " + wrong.Replace('\n', ' '));
                    continue;
                }

                Console.WriteLine("result " + path.Name + " " + Format(microseconds) + " " + operations + " " + Format(wall));
            }

            return failures == 0 ? 0 : 1;
        }

        private static string Format(double microseconds)
        {
            return microseconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        }

        // Warm-up, then the fastest of a few batches (a shared machine only ever adds time), per operation.
        private static double Measure(BenchPath path, int operations, bool quick, out double wall, out string wrong)
        {
            wall = 0;
            int warmUp = quick ? 2 : Math.Max(20, operations / 10);
            path.Run(warmUp);
            wrong = path.Verify(warmUp);
            if (wrong != null)
            {
                return 0;
            }

            int batches = quick ? 1 : Batches;
            int perBatch = operations / batches;
            double best = double.MaxValue;
            double bestWall = double.MaxValue;
            var watch = new Stopwatch();
            for (int b = 0; b < batches; b++)
            {
                long cpuStart = ThreadCpu.Nanoseconds();
                watch.Restart();
                path.Run(perBatch);
                watch.Stop();
                long cpuEnd = ThreadCpu.Nanoseconds();
                double wallPerOperation = watch.Elapsed.TotalMilliseconds * 1000.0 / perBatch;
                double perOperation = cpuStart < 0 ? wallPerOperation : (cpuEnd - cpuStart) / 1000.0 / perBatch;
                if (perOperation < best)
                {
                    best = perOperation;
                }

                if (wallPerOperation < bestWall)
                {
                    bestWall = wallPerOperation;
                }

                wrong = path.Verify(perBatch);
                if (wrong != null)
                {
                    return 0;
                }
            }

            wall = bestWall;
            return best;
        }

        private static List<BenchPath> Paths(List<string> skipped)
        {
            const int Con = Datagrams.Confirmable;
            const int Ack = Datagrams.Acknowledgement;
            const int Rst = Datagrams.Reset;

            // RFC 7252 §4.3: an empty CON is a ping, answered with RST. §3: TKL 9 to 15 is a format error, a CON so malformed gets RST.
            byte[] ping = { 0x40, 0x00, 0x00, 0x01 };
            byte[] malformed = { 0x49, 0x01, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            byte[] duplicate = Datagrams.Request(Con, CoapCode.Get, 0x0D0D, 0x7A01, "temp", -1, null);
            byte[] notFound = Datagrams.Request(Con, CoapCode.Get, 0x0003, 0x7A01, "nope", -1, null);
            byte[] get = Datagrams.Request(Con, CoapCode.Get, 0x0004, 0x7A01, "temp", -1, null);
            byte[] putA = Datagrams.Request(Con, CoapCode.Put, 0x0005, 0x7A01, "temp", -1, "25.5");
            byte[] putB = Datagrams.Request(Con, CoapCode.Put, 0x0006, 0x7A01, "temp", -1, "26.0");
            byte[] discover = Datagrams.Request(Con, CoapCode.Get, 0x0007, 0x7A01, ".well-known/core", -1, null);
            byte[] register = Datagrams.Request(Con, CoapCode.Get, 0x0008, 0x7A01, "temp", 0, null);

            var paths = new List<BenchPath>();
            paths.Add(new ExchangePath("ping", 200000, ping, null, true, Rst, 0, -1, 0, 0));
            paths.Add(new ExchangePath("malformed", 200000, malformed, null, true, Rst, 0, -1, 0, 0));
            paths.Add(new ExchangePath("duplicate", 200000, duplicate, null, false, Ack, CoapCode.Content, -1, 4, 0));
            paths.Add(new ExchangePath("not-found", 50000, notFound, null, true, Ack, CoapCode.NotFound, -1, -1, 0));
            paths.Add(new ExchangePath("get-temp", 25000, get, null, true, Ack, CoapCode.Content, Datagrams.ContentFormat, 4, 0));
            paths.Add(new ExchangePath("put-temp", 22000, putA, putB, true, Ack, CoapCode.Changed, -1, -1, 0));
#if NO_DISCOVERY
            skipped.Add("discovery");
#else
            // 15 sensors beside /temp: the link list is longer than a block, so the answer is block 0 (RFC 7959 §2.4).
            paths.Add(new ExchangePath("discovery", 12000, discover, null, true, Ack, CoapCode.Content, Datagrams.Block2, 64, 15));
#endif
#if NO_OBSERVE
            skipped.Add("observe-register");
            skipped.Add("notify-16-non");
            skipped.Add("notify-16-con");
#else
            // The same client and token again: the relation is replaced (RFC 7641 §4.1).
            paths.Add(new ExchangePath("observe-register", 16000, register, null, true, Ack, CoapCode.Content, Datagrams.Observe, 4, 0));
            paths.Add(new NotifyPath("notify-16-non", 3500, false));
            paths.Add(new NotifyPath("notify-16-con", 2000, true));
#endif
#if NO_OSCORE
            skipped.Add("oscore-get-temp");
#else
            paths.Add(new OscoreGetPath("oscore-get-temp", 2500));
#endif
#if NO_CLIENT
            skipped.Add("client-get");
#else
            paths.Add(new ClientPath("client-get", 40000));
#endif
            return paths;
        }
    }
}
