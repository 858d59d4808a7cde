using System.Runtime.ExceptionServices;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// One <see cref="Strata.Run"/>: dedicated threads (the calling thread is worker 0) that meet at a spinning barrier
/// after every round. A thread-pool loop per round cost more than the round's work at MovieLens-100k size.
/// </summary>
internal sealed class StrataRun
{
    private readonly Strata _strata;
    private readonly int _threads;
    private readonly CellAction _cell;
    private readonly int _epochs;
    private readonly Action<int>? _epochDone;
    private readonly CancellationToken _cancellationToken;
    private readonly SpinBarrier _barrier;
    private readonly Action<int>? _epochStart;
    private readonly IRoundSync? _roundSync;
    private readonly bool _balanced;
    private ExceptionDispatchInfo? _failure;

    // Cells claimed so far, over the whole run (see ClaimCells).
    private long _claims;
    private volatile bool _stop;

    public StrataRun(Strata strata, int threads, CellAction cell, int epochs, Action<int>? epochDone, Action<int>? epochStart, IRoundSync? roundSync, CancellationToken cancellationToken, bool balanced = false)
    {
        _balanced = balanced && threads > 1;
        _epochStart = epochStart;
        _roundSync = roundSync;
        _strata = strata;
        _threads = threads;
        _cell = cell;
        _epochs = epochs;
        _epochDone = epochDone;
        _cancellationToken = cancellationToken;
        _barrier = new SpinBarrier(threads);
    }

    public void Execute()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var helpers = new Thread[_threads - 1];
        for (var w = 1; w < _threads; w++)
        {
            var worker = w;
            helpers[w - 1] = new Thread(() => Work(worker)) { IsBackground = true, Name = "dsgd-" + w };
            helpers[w - 1].Start();
        }

        Work(0);
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        _failure?.Throw();
        _cancellationToken.ThrowIfCancellationRequested();
    }

    private void Work(int worker)
    {
        var blocks = _strata.Blocks;
        var first = worker * blocks / _threads;
        var last = (worker + 1) * blocks / _threads;
        var scratch = _strata.ShufflesItems ? new RegroupScratch(blocks) : null;
        var order = new int[blocks];
        for (var epoch = 0; epoch < _epochs; epoch++)
        {
            StartEpoch(epoch, worker, first, last, scratch);
            for (var round = 0; round < blocks; round++)
            {
                if (_balanced)
                {
                    ClaimCells(epoch, round, order);
                }
                else
                {
                    for (var a = first; a < last && _failure is null; a++)
                    {
                        RunCell(epoch, _strata.CellAt(a, round));
                    }
                }

                _barrier.SignalAndWait();
                var phases = _roundSync?.PhasesAfter(round) ?? 0;
                for (var phase = 0; phase < phases; phase++)
                {
                    try
                    {
                        _roundSync!.Run(phase, worker, _threads);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                    }

                    _barrier.SignalAndWait();
                }
            }

            // Only worker 0 decides whether to go on, between two barriers, so every worker reads the same answer.
            if (worker == 0)
            {
                _stop = _failure is not null || _cancellationToken.IsCancellationRequested;
                if (!_stop && _epochDone is not null)
                {
                    try
                    {
                        _epochDone(epoch);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                        _stop = true;
                    }
                }
            }

            _barrier.SignalAndWait();
            if (_stop)
            {
                return;
            }
        }
    }

    private void RunCell(int epoch, int index)
    {
        try
        {
            _cell(epoch, index, _strata.CellStart[index], _strata.CellStart[index + 1]);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        }
    }

    // Balanced rounds: the workers take the round's cells one at a time, largest first, from a shared counter, so a
    // worker that drew small cells takes more of them instead of waiting at the barrier. Each worker overshoots the
    // round's cells exactly once, so every round owns blocks + threads counter values. Which worker runs a cell never
    // changes what the cell computes.
    private void ClaimCells(int epoch, int round, int[] order)
    {
        var blocks = _strata.Blocks;
        var starts = _strata.CellStart;
        int Size(int a)
        {
            var cell = _strata.CellAt(a, round);
            return starts[cell + 1] - starts[cell];
        }

        // Insertion sort, largest cell first, ties by user block: every worker computes the same order.
        for (var a = 0; a < blocks; a++)
        {
            var at = a;
            for (; at > 0 && Size(order[at - 1]) < Size(a); at--)
            {
                order[at] = order[at - 1];
            }

            order[at] = a;
        }

        var roundBase = (((long)epoch * blocks) + round) * (blocks + _threads);
        while (true)
        {
            var claim = Interlocked.Increment(ref _claims) - 1 - roundBase;
            if (claim >= blocks)
            {
                return;
            }

            if (_failure is null)
            {
                var a = order[claim];
                RunCell(epoch, _strata.CellAt(a, round));
            }
        }
    }

    // Worker 0 deals the items (and runs the epoch hook) while the others wait; then each worker regroups the user
    // blocks only it will visit this epoch, so no second barrier is needed.
    private void StartEpoch(int epoch, int worker, int first, int last, RegroupScratch? scratch)
    {
        if (scratch is null && _epochStart is null)
        {
            return;
        }

        if (worker == 0)
        {
            try
            {
                if (scratch is not null)
                {
                    _strata.DealItems(epoch);
                }

                _epochStart?.Invoke(epoch);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        _barrier.SignalAndWait();
        for (var a = first; a < last && scratch is not null; a++)
        {
            _strata.Regroup(a, scratch);
        }

        // Balanced rounds run any user block's cells on any worker: every block must be regrouped first.
        if (_balanced && scratch is not null)
        {
            _barrier.SignalAndWait();
        }
    }
}
