namespace Huntsman.Events;

/// <summary>
/// Applied by every reader to every event once it is built, so all formats look alike:
/// e.g. %%NNNN message tokens gain a decoded sibling value. Must be cheap: it runs per event.
/// </summary>
public static class EventNormalizer
{
    public static void Normalize(WinEvent e)
    {
    }
}
