using RdiffCore.Delta;

namespace RdiffCore.Tests.Delta;

public sealed class SegmentBoardTests
{
    [Test]
    public void Segments_are_taken_in_order_and_collected_in_order_whatever_order_they_finish_in()
    {
        var board = new SegmentBoard(4, ahead: 4);
        var taken = new List<int>();
        while (board.TryTake(out int segment))
        {
            taken.Add(segment);
        }
        foreach (int segment in new[] { 3, 1, 0, 2 })
        {
            board.Publish(segment, [new Match(segment, 0, 1)]);
        }

        Assert.That(taken, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(Enumerable.Range(0, 4).Select(i => board.WaitFor(i)[0].OldStart), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void A_failed_segment_delivers_the_ones_before_it_then_its_error()
    {
        var board = new SegmentBoard(5, ahead: 5);
        for (int i = 0; i < 4; i++)
        {
            Assert.That(board.TryTake(out _), Is.True);
        }
        board.Publish(0, []);
        board.Publish(1, []);
        board.Fail(2, new IOException("segment 2 failed"));
        board.Publish(3, []);

        Assert.That(board.TryTake(out _), Is.False, "nothing more is taken after a failure");
        Assert.That(board.WaitFor(0), Is.Empty);
        Assert.That(board.WaitFor(1), Is.Empty);
        Assert.That(Assert.Throws<IOException>(() => board.WaitFor(2))!.Message, Is.EqualTo("segment 2 failed"));
    }

    [Test]
    public void Scanners_wait_while_too_far_ahead_of_the_emitter()
    {
        var board = new SegmentBoard(10, ahead: 2);
        Assert.That(board.TryTake(out _) && board.TryTake(out _), Is.True);
        var third = Task.Run(() => board.TryTake(out int segment) ? segment : -1);

        Assert.That(third.Wait(200), Is.False, "a third segment waits for the first to be collected");
        board.Publish(0, []);
        board.WaitFor(0);
        Assert.That(third.Wait(5000), Is.True);
        Assert.That(third.Result, Is.EqualTo(2));
    }

    [Test]
    public void Stopping_wakes_a_waiting_scanner()
    {
        var board = new SegmentBoard(10, ahead: 1);
        Assert.That(board.TryTake(out _), Is.True);
        var waiting = Task.Run(() => board.TryTake(out _));

        board.Stop();

        Assert.That(waiting.Wait(5000), Is.True);
        Assert.That(waiting.Result, Is.False);
    }

    [Test]
    public void A_hand_off_drains_after_completion_and_unblocks_on_cancel()
    {
        var items = new HandOff<int>(2);
        items.Add(1);
        items.Add(2);
        var blocked = Task.Run(() => items.Add(3));
        Assert.That(blocked.Wait(200), Is.False, "a full hand-off makes the adder wait");
        Assert.That(items.TryTake(out int first) && first == 1, Is.True);
        Assert.That(blocked.Wait(5000) && blocked.Result, Is.True);
        items.Complete();
        Assert.That(items.TryTake(out int second) && second == 2, Is.True);
        Assert.That(items.TryTake(out int third) && third == 3, Is.True);
        Assert.That(items.TryTake(out _), Is.False, "completed and empty");

        var cancelled = new HandOff<int>(1);
        var taker = Task.Run(() => cancelled.TryTake(out _));
        cancelled.Cancel();
        Assert.That(taker.Wait(5000), Is.True);
        Assert.That(taker.Result, Is.False);
        Assert.That(cancelled.Add(1), Is.False);
    }
}
