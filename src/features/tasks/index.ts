export {
  createTaskStore,
  isToastShown,
  type StartTaskOptions,
  type TaskHandle,
  type TaskSnapshot,
  type TaskStatus,
  type TaskStore,
} from './taskStore';
export { TasksProvider, TaskToasts, useTaskList, useTasks, useViewTasks } from './TasksContext';
