namespace Runner.Domain; public static class Placeholder {}
